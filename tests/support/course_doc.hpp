// A "trellis.course/1" document as the test importer (tests/plugins/
// course-json-importer) reads it from course.json: one organization holding
// launchable items, given as (identifier, title).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace trellis::testing {

inline nlohmann::json course_json_doc(const std::vector<std::pair<std::string, std::string>>& modules) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [id, title] : modules)
    items.push_back({{"identifier", id}, {"kind", "item"}, {"title", title}, {"launchable", true}, {"sco", true},
                     {"launch", {{"href", "index.html?m=" + id}, {"external", false}}},
                     {"children", nlohmann::json::array()}});
  return {{"schema", "trellis.course/1"}, {"format", "coursejson"}, {"edition", nullptr},
          {"identifier", "com.example.safety"}, {"title", "Safety"},
          {"nodes", {{{"identifier", "org"}, {"kind", "organization"}, {"title", "Org"}, {"children", items}}}},
          {"resources", nlohmann::json::array()}};
}

}  // namespace trellis::testing
