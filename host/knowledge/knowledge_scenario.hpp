// The knowledge end-to-end tests' world: a course with a "Working across
// cultures" module, a connector's documents and experts, a native thread in the
// index, and the real `trellis` binary to run against it.
#pragma once

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/runtime.hpp"
#include "connector_test_support.hpp"
#include "knowledge/index_store.hpp"
#include "support.hpp"
#include "zip_writer.hpp"

namespace trellis::knowledge_testing {

using nlohmann::json;

inline json course_doc(const std::string& extra_module_title = "") {
  json culture = {{"identifier", "m_culture"}, {"kind", "item"}, {"title", "Working across cultures"},
                  {"description", "Recognising cultural differences in feedback, meetings and decisions."},
                  {"keywords", {"intercultural", "communication"}}, {"objectives", {"obj_feedback"}},
                  {"launchable", true}, {"launch", {{"href", "index.html"}, {"external", false}}},
                  {"children", json::array()}};
  json fire = {{"identifier", "m_fire"}, {"kind", "item"}, {"title", "Fire safety"}, {"launchable", true},
               {"launch", {{"href", "index.html"}, {"external", false}}}, {"children", json::array()}};
  json children = {culture, fire};
  if (!extra_module_title.empty()) {
    json extra = fire;
    extra["identifier"] = "m_extra";
    extra["title"] = extra_module_title;
    children.push_back(extra);
  }
  return {{"schema", "trellis.course/1"}, {"format", "coursejson"}, {"identifier", "com.example.teams"}, {"title", "Teams without borders"},
          {"metadata", {{"objectives", {{{"identifier", "obj_feedback"}, {"title", "Adapt feedback to the culture"}}}}}},
          {"nodes", {{{"identifier", "org"}, {"kind", "organization"}, {"title", "Org"}, {"container", true},
                      {"module", false}, {"top_level", true}, {"children", children}}}},
          {"resources", json::array()}};
}

inline const json kKnowledge = json::array(
    {{{"kind", "document"}, {"url", "https://kb.example/guides/culture"}, {"ref", "guide-culture"},
      {"title", "Guideline: cultural differences at work"}, {"score", 0.9},
      {"body", "How to give feedback when cultural differences shape what people hear."}},
     {{"kind", "expert"}, {"url", "mailto:ana@example.org"}, {"ref", "ana"}, {"title", "Ana Ruiz"}, {"score", 0.4},
      {"body", "Coaches teams on cultural differences."}, {"tags", "intercultural communication"}},
     {{"kind", "expert"}, {"url", "mailto:li@example.org"}, {"ref", "li"}, {"title", "Li Wei"}, {"score", 0.7},
      {"body", "Ran the cultural differences workshop in Shanghai."}, {"tags", "cultural differences,negotiation"}},
     {{"kind", "document"}, {"url", "https://kb.example/guides/ladders"}, {"ref", "guide-ladders"},
      {"title", "Ladder inspection checklist"}, {"body", "Rungs, feet, labels."}}});

struct Scenario {
  testing::TempDir dir;
  fs::path plugins = plugin_folder(dir / "plugins", {"course-json-importer", "kb-test-a", "kb-test-b"});
  fs::path home = dir / "home";
  std::string course_id, module_id;

  testing::ProcessResult run(const std::vector<std::string>& args) { return run_with_plugins(home, plugins, args); }

  json run_json(const std::vector<std::string>& args, int want_exit = 0) {
    auto r = run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == want_exit);
    return json::parse(r.out);
  }

  json import(const json& doc) {
    testing::write_zip(dir / "course.zip", {{"course.json", doc.dump()}, {"index.html", "<html></html>"}});
    return run_json({"import", (dir / "course.zip").string(), "--json"});
  }

  Scenario() {
    write_items(dir / "kb.json", kKnowledge);
    configure(home, plugins, "kb-test-a", {"items_file=" + (dir / "kb.json").string()});
    course_id = import(course_doc())["course_id"];
    auto shown = run_json({"course", "show", course_id, "--json"});
    for (const auto& m : shown["modules"])
      if (m["identifier"] == "m_culture") module_id = m["id"];
    REQUIRE_FALSE(module_id.empty());
    // A native community thread, as the community domain writes it.
    auto rt = Runtime::open(home);
    REQUIRE(rt.ok());
    REQUIRE(knowledge::put_entry(rt.value()->db,
                                 {"thread", "native", "42", "How do you handle cultural differences in your team?",
                                  "Our Lyon and Pune offices read silence differently.", "/community/threads/42",
                                  "", "Sam", "", std::nullopt})
                .ok());
  }
};

inline std::multiset<std::string> kinds_of(const json& results) {
  std::multiset<std::string> out;
  for (const auto& r : results) out.insert(r["kind"].get<std::string>());
  return out;
}


}  // namespace trellis::knowledge_testing
