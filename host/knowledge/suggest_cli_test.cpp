// `trellis discuss suggest` end to end: what it proposes for a module is new
// (nothing already attached), useful (nothing scoring 0) and ordered as a
// learner reads it (a thread before its own replies).
#include <catch2/catch.hpp>

#include <string>

#include "knowledge_scenario.hpp"

using namespace trellis;
using namespace trellis::knowledge_testing;
using nlohmann::json;

TEST_CASE("discuss suggest proposes nothing attached and nothing scoring 0 and ranks a thread above its replies",
          "[knowledge][e2e]") {
  Scenario s;
  // A thread that barely matches the culture module, and a reply in it that matches it well.
  auto started = s.run_json({"discuss", "start", s.module_id, "--title", "Team meetings", "--body",
                             "Anything intercultural to read?", "--author", "Sam", "--json"});
  std::string thread = started["id"];
  auto reply = s.run_json({"discuss", "reply", thread, "--body",
                           "Working across cultures: recognising cultural differences in feedback, meetings and "
                           "decisions, intercultural communication.",
                           "--author", "Bo", "--json"});
  {
    // Matches the module's description but none of its title's words: it scores 0.
    auto rt = Runtime::open(s.home);
    REQUIRE(rt.ok());
    REQUIRE(knowledge::put_entry(rt.value()->db, {"document", "kb-test-c", "log", "Decisions log",
                                                  "Feedback from meetings and decisions.", "https://kb.example/log",
                                                  "", "", "", std::nullopt, std::nullopt})
                .ok());
  }
  REQUIRE(s.run({"discuss", "attach", s.module_id, "document:kb-test-a:guide-culture"}).exit_code == 0);

  auto suggested = s.run_json({"discuss", "suggest", s.module_id, "--json"});
  INFO(suggested.dump(2));
  const auto& list = suggested["suggestions"];
  int thread_at = -1, reply_at = -1;
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& g = list[i];
    CHECK(g["item"] != "document:kb-test-a:guide-culture");  // attached already
    CHECK(g["item"] != "document:kb-test-c:log");            // scored 0
    CHECK(g["score"].get<double>() > 0);
    CHECK_FALSE(g.contains("attached"));
    if (i > 0) CHECK(list[i - 1]["score"].get<double>() >= g["score"].get<double>());
    if (g["item"] == "thread:native:" + thread) thread_at = static_cast<int>(i);
    if (g["item"] == "post:native:" + reply["id"].get<std::string>()) {
      reply_at = static_cast<int>(i);
      CHECK(g["thread_id"] == thread);
    }
  }
  REQUIRE(thread_at >= 0);
  REQUIRE(reply_at >= 0);
  CHECK(thread_at < reply_at);
  CHECK(list[static_cast<size_t>(thread_at)]["score"] == list[static_cast<size_t>(reply_at)]["score"]);
  // The opening post is the thread's own text, not a suggestion of its own.
  for (const auto& g : list) CHECK(g["item"] != "post:native:" + started["posts"][0]["id"].get<std::string>());

  auto text = s.run({"discuss", "suggest", s.module_id});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, !Catch::Contains("guide-culture") && !Catch::Contains("[attached]"));
}

TEST_CASE("discuss suggest finds the singular of a plural title word so a match is not dropped as 0",
          "[knowledge][e2e]") {
  Scenario s;
  s.import(course_doc("Preventing fires"));
  std::string module;
  auto shown = s.run_json({"course", "show", s.course_id, "--json"});
  INFO(shown.dump(2));
  for (const auto& m : shown["modules"])
    if (m["identifier"] == "m_extra") module = m["id"];
  REQUIRE_FALSE(module.empty());
  {
    auto rt = Runtime::open(s.home);
    REQUIRE(rt.ok());
    REQUIRE(knowledge::put_entry(rt.value()->db, {"document", "kb-test-c", "extinguisher",
                                                  "Water extinguisher used on an electrical fire",
                                                  "Read the label first.", "https://kb.example/extinguisher", "", "",
                                                  "", std::nullopt, std::nullopt})
                .ok());
  }
  auto suggested = s.run_json({"discuss", "suggest", module, "--json"});
  INFO(suggested.dump(2));
  bool found = false;
  for (const auto& g : suggested["suggestions"])
    if (g["item"] == "document:kb-test-c:extinguisher") {
      found = true;
      CHECK(g["score"].get<double>() == Approx(0.5));  // one of the title's two words: "fire"
    }
  CHECK(found);
}
