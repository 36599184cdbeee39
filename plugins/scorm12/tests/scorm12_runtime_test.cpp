// The SCORM 1.2 runtime as the player calls it (a broken request throws the
// SDK's InvalidInput, a runtime_error: its header clashes with the host's
// trellis::Error the LRS validator brings): launch values, commits
// folded into the state, the LMS's own rules, and the statements.
#include <catch2/catch.hpp>

#include "runtime_test_requests.hpp"
#include "scorm12_runtime.hpp"

namespace scorm12_runtime_test {

using nlohmann::json;
using trellis::scorm::rt::testing::checked_verbs;
using trellis::scorm::rt::testing::Launch;

json plan(const Launch& l) { return json::parse(trellis::scorm12::prepare_launch(l.launch_request().dump())); }
json commit(const Launch& l, json elements, bool terminate = false, bool first = false) {
  return json::parse(trellis::scorm12::apply_commit(l.commit_request(std::move(elements), terminate, first).dump()));
}

}  // namespace scorm12_runtime_test

using namespace scorm12_runtime_test;

TEST_CASE("SCORM 1.2 launch values come from the learner the attempt and the item", "[scorm12][runtime]") {
  Launch l;
  l.attributes = {{"masteryscore", 80}, {"datafromlms", "level=2"}, {"maxtimeallowed", "00:30:00"}};
  json p = plan(l);
  CHECK(p["schema"] == "trellis.launch-plan/1");
  CHECK(p["api"] == "scorm12");
  const json& e = p["elements"];
  CHECK(e["cmi.core.student_id"] == "learner-7");
  CHECK(e["cmi.core.student_name"] == "Doe, Jane");
  CHECK(e["cmi.core.entry"] == "ab-initio");
  CHECK(e["cmi.core.credit"] == "credit");
  CHECK(e["cmi.core.lesson_mode"] == "normal");
  CHECK(e["cmi.core.lesson_status"] == "not attempted");
  CHECK(e["cmi.core.total_time"] == "0000:00:00.00");
  CHECK(e["cmi.launch_data"] == "level=2");
  CHECK(e["cmi.student_data.mastery_score"] == "80");
  CHECK(e["cmi.student_data.max_time_allowed"] == "00:30:00");
}

TEST_CASE("SCORM 1.2 a request that is not a runtime document is refused as input", "[scorm12][runtime]") {
  CHECK_THROWS_AS(trellis::scorm12::prepare_launch("[]"), std::runtime_error);
  CHECK_THROWS_AS(trellis::scorm12::apply_commit(R"({"schema": "trellis.launch-request/1", "module": {}})"),
                  std::runtime_error);
}

TEST_CASE("SCORM 1.2 a valid commit is folded into the state with its status and statements", "[scorm12][runtime]") {
  Launch l;
  json launched = plan(l)["elements"];
  json elements = launched;  // scorm-again sends everything back
  elements["cmi.core.lesson_status"] = "incomplete";
  elements["cmi.core.lesson_location"] = "page-3";
  elements["cmi.suspend_data"] = std::string(4096, 'x');
  elements["cmi.core._children"] = "student_id,student_name";
  elements["cmi.interactions.0.id"] = "q1";
  elements["cmi.interactions.0.type"] = "choice";
  elements["cmi.interactions.0.student_response"] = "a";
  elements["cmi.interactions.0.result"] = "correct";
  elements["cmi.interactions._count"] = "1";
  json o = commit(l, elements, false, true);
  INFO(o.dump());
  REQUIRE(o["error_code"] == 0);
  CHECK(o["state"]["cmi.core.lesson_location"] == "page-3");
  CHECK(o["state"]["cmi.interactions.0.result"] == "correct");
  CHECK_FALSE(o["state"].contains("cmi.core.student_id"));  // the LMS's values are not state
  CHECK(o["status"]["completion"] == "incomplete");
  CHECK(o["status"]["success"] == "unknown");
  CHECK(o["status"]["location"] == "page-3");
  CHECK(o["navigation"] == "");
  CHECK(checked_verbs(o) == std::vector<std::string>{"initialized", "responded"});
  CHECK(o["statements"][1]["object"]["id"] == "https://trellis.example/courses/course-1/item_1/interactions/q1");
  CHECK(o["statements"][1]["context"]["contextActivities"]["parent"][0]["id"] ==
        "https://trellis.example/courses/course-1/item_1");
  CHECK(o["statements"][1]["result"]["success"] == true);
}

TEST_CASE("SCORM 1.2 mastery score decides passed or failed with credit", "[scorm12][runtime]") {
  Launch l;
  l.attributes = {{"masteryscore", 80}};
  json passed = commit(l, {{"cmi.core.score.raw", "85"}, {"cmi.core.lesson_status", "completed"}});
  CHECK(passed["state"]["cmi.core.lesson_status"] == "passed");
  CHECK(passed["status"]["success"] == "passed");
  CHECK(passed["status"]["score_scaled"] == Approx(0.85));
  CHECK(checked_verbs(passed) == std::vector<std::string>{"scored", "completed", "passed"});

  json unset = commit(l, {{"cmi.core.score.raw", "70"}});
  CHECK(unset["state"]["cmi.core.lesson_status"] == "failed");
  CHECK(checked_verbs(unset) == std::vector<std::string>{"scored", "completed", "failed"});

  json incomplete = commit(l, {{"cmi.core.score.raw", "90"}, {"cmi.core.lesson_status", "incomplete"}});
  CHECK(incomplete["state"]["cmi.core.lesson_status"] == "incomplete");

  l.credit = "no-credit";
  json no_credit = commit(l, {{"cmi.core.score.raw", "90"}, {"cmi.core.lesson_status", "completed"}});
  CHECK(no_credit["state"]["cmi.core.lesson_status"] == "completed");
}

TEST_CASE("SCORM 1.2 suspend then relaunch resumes with the stored state", "[scorm12][runtime]") {
  Launch l;
  json first = commit(l,
                      {{"cmi.suspend_data", "bookmark=7"}, {"cmi.core.exit", "suspend"},
                       {"cmi.core.session_time", "00:10:00"}, {"cmi.core.lesson_status", "incomplete"}},
                      true, true);
  REQUIRE(first["error_code"] == 0);
  CHECK(first["status"]["suspended"] == true);
  CHECK(first["status"]["session_seconds"] == 600);
  CHECK(first["state"]["cmi.core.total_time"] == "0000:10:00.00");
  CHECK(checked_verbs(first) == std::vector<std::string>{"initialized", "suspended"});
  CHECK(first["statements"][1]["result"]["duration"] == "PT10M");

  Launch again = l;
  again.state = first["state"];
  json e = plan(again)["elements"];
  CHECK(e["cmi.core.entry"] == "resume");
  CHECK(e["cmi.suspend_data"] == "bookmark=7");
  CHECK(e["cmi.core.total_time"] == "0000:10:00.00");
  CHECK_FALSE(e.contains("cmi.core.exit"));

  // total_time echoed back plus this session's time is tolerated, then accumulated.
  json second = commit(again,
                       {{"cmi.core.session_time", "00:05:00.5"}, {"cmi.core.total_time", "0000:15:00.50"},
                        {"cmi.core.exit", ""}, {"cmi.core.lesson_status", "completed"}},
                       true, true);
  INFO(second.dump());
  REQUIRE(second["error_code"] == 0);
  CHECK(second["state"]["cmi.core.total_time"] == "0000:15:00.50");
  CHECK(second["status"]["total_seconds"] == Approx(900.5));
  CHECK(second["status"]["suspended"] == false);
  CHECK(checked_verbs(second) == std::vector<std::string>{"resumed", "completed", "terminated"});

  Launch third = l;
  third.state = second["state"];
  CHECK(plan(third)["elements"]["cmi.core.entry"] == "");
}

TEST_CASE("SCORM 1.2 a full commit reporting never-set elements as empty changes nothing of them", "[scorm12][runtime]") {
  Launch l;
  // scorm-again's full commits carry every element it knows; the unset ones as "".
  json full = commit(l, {{"cmi.core.lesson_status", "incomplete"},
                         {"cmi.student_preference.audio", ""},
                         {"cmi.student_preference.speed", ""},
                         {"cmi.core.score.raw", ""}});
  CHECK(full["error_code"] == 0);
  CHECK(full["state"]["cmi.core.lesson_status"] == "incomplete");
  CHECK_FALSE(full["state"].contains("cmi.student_preference.audio"));
  // Set by the content, a bad value is still refused with the standard's code.
  json bad = commit(l, {{"cmi.student_preference.audio", "loud"}});
  CHECK(bad["error_code"] == 405);
}
