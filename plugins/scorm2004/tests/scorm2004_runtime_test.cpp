// The SCORM 2004 runtime as the player calls it: launch values per edition,
// the node's completion threshold and scaled passing score, navigation
// requests, resume and total time, and the statements.
#include <catch2/catch.hpp>

#include "runtime_test_requests.hpp"
#include "scorm2004_runtime.hpp"

namespace scorm2004_runtime_test {

using nlohmann::json;
using trellis::scorm::rt::testing::checked_verbs;
using trellis::scorm::rt::testing::Launch;

Launch course(const std::string& edition) {
  Launch l;
  l.format = "scorm2004";
  l.edition = edition;
  return l;
}
json plan(const Launch& l) { return json::parse(trellis::scorm2004::prepare_launch(l.launch_request().dump())); }
json commit(const Launch& l, json elements, bool terminate = false, bool first = false) {
  return json::parse(trellis::scorm2004::apply_commit(l.commit_request(std::move(elements), terminate, first).dump()));
}

}  // namespace scorm2004_runtime_test

using namespace scorm2004_runtime_test;

TEST_CASE("SCORM 2004 launch values come from the learner the attempt and the node", "[scorm2004][runtime]") {
  Launch l = course("4th");
  l.attributes = {{"dataFromLMS", "lang=fr"},
                  {"completionThreshold", {{"form", "attributes"}, {"completedByMeasure", true}, {"minProgressMeasure", 0.75}}}};
  l.sequencing = {{"objectives", {{"primaryObjective", {{"satisfiedByMeasure", true}, {"minNormalizedMeasure", 0.6}}}}}};
  l.mode = "review";
  json p = plan(l);
  CHECK(p["api"] == "scorm2004");
  const json& e = p["elements"];
  CHECK(e["cmi._version"] == "1.0");
  CHECK(e["cmi.learner_id"] == "learner-7");
  CHECK(e["cmi.entry"] == "ab-initio");
  CHECK(e["cmi.mode"] == "review");
  CHECK(e["cmi.launch_data"] == "lang=fr");
  CHECK(e["cmi.completion_threshold"] == "0.75");
  CHECK(e["cmi.scaled_passing_score"] == "0.6");
  CHECK(e["cmi.completion_status"] == "unknown");
  CHECK(e["cmi.total_time"] == "PT0S");

  // 4th Edition attributes that do not complete by measure give no threshold.
  l.attributes["completionThreshold"]["completedByMeasure"] = false;
  CHECK(plan(l)["elements"]["cmi.completion_threshold"] == "");
  Launch third = course("3rd");
  third.attributes = {{"completionThreshold", {{"form", "text"}, {"minProgressMeasure", 0.5}}}};
  CHECK(plan(third)["elements"]["cmi.completion_threshold"] == "0.5");
}

TEST_CASE("SCORM 2004 completion threshold and scaled passing score decide the status", "[scorm2004][runtime]") {
  Launch l = course("4th");
  l.attributes = {{"completionThreshold", {{"form", "attributes"}, {"completedByMeasure", true}, {"minProgressMeasure", 0.75}}}};
  l.sequencing = {{"objectives", {{"primaryObjective", {{"satisfiedByMeasure", true}, {"minNormalizedMeasure", 0.6}}}}}};
  json o = commit(l, {{"cmi.progress_measure", "0.8"}, {"cmi.completion_status", "incomplete"},
                      {"cmi.score.scaled", "0.7"}, {"cmi.success_status", "failed"}});
  INFO(o.dump());
  REQUIRE(o["error_code"] == 0);
  CHECK(o["status"]["completion"] == "completed");
  CHECK(o["status"]["success"] == "passed");
  CHECK(o["status"]["score_scaled"] == Approx(0.7));
  CHECK(checked_verbs(o) == std::vector<std::string>{"scored", "completed", "passed"});

  json below = commit(l, {{"cmi.progress_measure", "0.5"}, {"cmi.completion_status", "completed"},
                          {"cmi.score.scaled", "0.2"}, {"cmi.success_status", "passed"}});
  CHECK(below["status"]["completion"] == "incomplete");
  CHECK(below["status"]["success"] == "failed");
  // A passing score and no scaled score: success is unknown whatever the SCO says.
  json unscored = commit(l, {{"cmi.success_status", "passed"}});
  CHECK(unscored["status"]["success"] == "unknown");
  // Without them the SCO's own statuses stand.
  json own = commit(course("4th"), {{"cmi.completion_status", "completed"}, {"cmi.success_status", "passed"}});
  CHECK(own["status"]["completion"] == "completed");
  CHECK(own["status"]["success"] == "passed");
}

TEST_CASE("SCORM 2004 adl.nav.request becomes the outcome's navigation", "[scorm2004][runtime]") {
  Launch l = course("4th");
  CHECK(commit(l, {{"adl.nav.request", "continue"}}, true)["navigation"] == "continue");
  CHECK(commit(l, {{"adl.nav.request", "suspendAll"}}, true)["navigation"] == "suspendAll");
  CHECK(commit(l, {{"adl.nav.request", "{target=item_2}choice"}}, true)["navigation"] == "choice:item_2");
  CHECK(commit(l, {{"adl.nav.request", "_none_"}}, true)["navigation"] == "");
  json o = commit(l, {{"adl.nav.request", "previous"}, {"adl.nav.request_valid.continue", "true"},
                      {"adl.nav.request_valid.choice.{target=item.2}", "false"}});
  CHECK(o["error_code"] == 0);
  CHECK(o["navigation"] == "previous");
  CHECK_FALSE(o["state"].contains("adl.nav.request"));
  CHECK(commit(l, {{"adl.nav.request", "sideways"}})["error_code"] == 406);
  CHECK(commit(course("3rd"), {{"adl.nav.request", "{target=item_2}jump"}})["error_code"] == 406);
}

TEST_CASE("SCORM 2004 suspend then relaunch resumes and total time accumulates", "[scorm2004][runtime]") {
  Launch l = course("2nd");
  json first = commit(l, {{"cmi.suspend_data", "p=4"}, {"cmi.exit", "suspend"}, {"cmi.session_time", "PT1H30M"},
                          {"cmi.location", "p4"}},
                      true, true);
  REQUIRE(first["error_code"] == 0);
  CHECK(first["state"]["cmi.total_time"] == "PT1H30M");
  CHECK(first["status"]["suspended"] == true);
  CHECK(first["status"]["location"] == "p4");
  CHECK(checked_verbs(first) == std::vector<std::string>{"initialized", "suspended"});

  Launch again = l;
  again.state = first["state"];
  json e = plan(again)["elements"];
  CHECK(e["cmi.entry"] == "resume");
  CHECK(e["cmi.suspend_data"] == "p=4");
  json second = commit(again, {{"cmi.session_time", "PT30M"}, {"cmi.total_time", "PT2H0.4S"}, {"cmi.exit", "normal"},
                               {"cmi.completion_status", "completed"}},
                       true, true);
  INFO(second.dump());
  REQUIRE(second["error_code"] == 0);
  CHECK(second["state"]["cmi.total_time"] == "PT2H");
  CHECK(second["status"]["total_seconds"] == 7200);
  CHECK(checked_verbs(second) == std::vector<std::string>{"resumed", "completed", "terminated"});
}

TEST_CASE("SCORM 2004 interactions are responded statements with their type and pattern", "[scorm2004][runtime]") {
  Launch l = course("3rd");
  json o = commit(l, {{"cmi.interactions.0.id", "urn:q:1"},
                      {"cmi.interactions.0.type", "choice"},
                      {"cmi.interactions.0.correct_responses.0.pattern", "a[,]c"},
                      {"cmi.interactions.0.learner_response", "a[,]b"},
                      {"cmi.interactions.0.result", "incorrect"},
                      {"cmi.interactions.0.description", "{lang=en}Pick two"},
                      {"cmi.interactions.1.id", "urn:q:2"},
                      {"cmi.interactions.1.type", "numeric"},
                      {"cmi.interactions.1.correct_responses.0.pattern", "1[:]5"},
                      {"cmi.interactions.1.learner_response", "3.5"},
                      {"cmi.interactions.1.result", "correct"},
                      {"cmi.interactions._count", "2"}});
  INFO(o.dump());
  REQUIRE(o["error_code"] == 0);
  CHECK(checked_verbs(o) == std::vector<std::string>{"responded", "responded"});
  const json& first = o["statements"][0];
  CHECK(first["object"]["id"] == "https://trellis.example/courses/course-1/item_1/interactions/urn%3Aq%3A1");
  CHECK(first["object"]["definition"]["interactionType"] == "choice");
  CHECK(first["object"]["definition"]["correctResponsesPattern"][0] == "a[,]c");
  CHECK(first["result"]["success"] == false);
  CHECK(first["result"]["response"] == "a[,]b");
  // A later commit with the same results says nothing new about them.
  Launch later = l;
  later.state = o["state"];
  json again = commit(later, o["state"]);
  CHECK(again["error_code"] == 0);
  CHECK(again["statements"].empty());
}
