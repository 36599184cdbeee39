// Every LMSSetValue error code a commit can earn, each leaving the state as it
// was: the outcome carries the code and no state at all.
#include <catch2/catch.hpp>

#include "runtime_test_requests.hpp"
#include "scorm12_runtime.hpp"

namespace scorm12_limits_test {

using nlohmann::json;

json refused(json elements, json state = nullptr) {
  trellis::scorm::rt::testing::Launch l;
  l.state = std::move(state);
  json o = json::parse(trellis::scorm12::apply_commit(l.commit_request(std::move(elements)).dump()));
  INFO(o.dump());
  CHECK_FALSE(o.contains("state"));
  CHECK_FALSE(o.contains("statements"));
  return o;
}

}  // namespace scorm12_limits_test

using scorm12_limits_test::refused;

TEST_CASE("SCORM 1.2 201 for an element that does not exist or an index out of sequence", "[scorm12][runtime]") {
  json o = refused({{"cmi.core.lesson_status", "completed"}, {"cmi.core.favourite_colour", "blue"}});
  CHECK(o["error_code"] == 201);
  CHECK(o["error_element"] == "cmi.core.favourite_colour");
  CHECK(refused({{"cmi.interactions.1.id", "q2"}})["error_code"] == 201);
  CHECK(refused({{"cmi.interactions.01.id", "q2"}})["error_code"] == 201);
}

TEST_CASE("SCORM 1.2 402 when a count keyword disagrees with the entries", "[scorm12][runtime]") {
  json o = refused({{"cmi.objectives.0.id", "o1"}, {"cmi.objectives._count", "2"}});
  CHECK(o["error_code"] == 402);
  CHECK(o["error_element"] == "cmi.objectives._count");
}

TEST_CASE("SCORM 1.2 403 for a changed read-only element", "[scorm12][runtime]") {
  CHECK(refused({{"cmi.core.student_id", "someone-else"}})["error_code"] == 403);
  CHECK(refused({{"cmi.core.credit", "no-credit"}})["error_code"] == 403);
  CHECK(refused({{"cmi.launch_data", "x"}})["error_code"] == 403);
  // total_time neither as launched nor launched plus this session (1 s slack).
  CHECK(refused({{"cmi.core.total_time", "0000:20:00"}, {"cmi.core.session_time", "00:01:00"}})["error_code"] == 403);
}

TEST_CASE("SCORM 1.2 405 for a value of the wrong type or over its limit", "[scorm12][runtime]") {
  CHECK(refused({{"cmi.core.lesson_status", "done"}})["error_code"] == 405);
  CHECK(refused({{"cmi.core.lesson_status", "not attempted"}}, json{{"cmi.core.lesson_status", "incomplete"}})["error_code"] == 405);
  CHECK(refused({{"cmi.core.score.raw", "abc"}})["error_code"] == 405);
  CHECK(refused({{"cmi.core.score.raw", "101"}})["error_code"] == 405);
  CHECK(refused({{"cmi.core.exit", "later"}})["error_code"] == 405);
  CHECK(refused({{"cmi.core.session_time", "PT5M"}})["error_code"] == 405);
  CHECK(refused({{"cmi.suspend_data", std::string(4097, 'x')}})["error_code"] == 405);
  CHECK(refused({{"cmi.core.lesson_location", std::string(256, 'x')}})["error_code"] == 405);
  CHECK(refused({{"cmi.student_preference.audio", "101"}})["error_code"] == 405);
  CHECK(refused({{"cmi.interactions.0.id", "has space"}})["error_code"] == 405);
  CHECK(refused({{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.type", "essay"}})["error_code"] == 405);
  CHECK(refused({{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.time", "25:00:00"}})["error_code"] == 405);
}

TEST_CASE("SCORM 1.2 launched values and keywords sent back unchanged are not checked again", "[scorm12][runtime]") {
  trellis::scorm::rt::testing::Launch l;
  json elements = {{"cmi.core.student_id", "learner-7"},
                   {"cmi.core.lesson_status", "not attempted"},
                   {"cmi.core._children", "anything"},
                   {"cmi._version", "3.4"},
                   {"cmi.core.total_time", "0000:00:00.00"}};
  json o = json::parse(trellis::scorm12::apply_commit(l.commit_request(elements).dump()));
  CHECK(o["error_code"] == 0);
}
