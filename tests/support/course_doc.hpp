// A "trellis.course/1" document as the test importer (tests/plugins/
// course-json-importer) reads it from course.json: one top-level, non-module
// container holding launchable items, given as (identifier, title), with the
// facts a SCORM importer would report for it.
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
  nlohmann::json summary = {"organizations", "items", "launchable", {{"name", "scos"}, {"label", "SCOs"}}, "resources"};
  return {{"schema", "trellis.course/1"}, {"format", "coursejson"}, {"identifier", "com.example.safety"},
          {"title", "Safety"}, {"facts", {{"edition", nullptr}}},
          {"tallies", {{"organizations", {{"kind", "organization"}}}, {"scos", {{"flag", "sco"}}}}},
          {"module_facts", {{"sco", false}}}, {"summary", summary},
          {"nodes", {{{"identifier", "org"}, {"kind", "organization"}, {"title", "Org"}, {"container", true},
                      {"module", false}, {"top_level", true}, {"children", items}}}},
          {"resources", nlohmann::json::array()}};
}

}  // namespace trellis::testing
