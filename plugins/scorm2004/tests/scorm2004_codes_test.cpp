// Every SetValue error code a SCORM 2004 commit can earn, and the limits of
// each edition; a refused commit carries no state and no statements.
#include <catch2/catch.hpp>

#include "runtime_test_requests.hpp"
#include "scorm2004_runtime.hpp"

namespace scorm2004_codes_test {

using nlohmann::json;

int code(json elements, const std::string& edition = "4th", json state = nullptr) {
  trellis::scorm::rt::testing::Launch l;
  l.format = "scorm2004";
  l.edition = edition;
  l.state = std::move(state);
  json o = json::parse(trellis::scorm2004::apply_commit(l.commit_request(std::move(elements)).dump()));
  INFO(o.dump());
  if (o["error_code"] != 0) {
    CHECK_FALSE(o.contains("state"));
    CHECK_FALSE(o.contains("statements"));
    CHECK_FALSE(o["error_element"].get<std::string>().empty());
  }
  return o["error_code"];
}

}  // namespace scorm2004_codes_test

using scorm2004_codes_test::code;

TEST_CASE("SCORM 2004 401 for an undefined element", "[scorm2004][runtime]") {
  CHECK(code({{"cmi.core.lesson_status", "completed"}}) == 401);
  CHECK(code({{"cmi.score.percent", "5"}}) == 401);
  CHECK(code({{"adl.data.0.id", "x"}}) == 401);
}

TEST_CASE("SCORM 2004 404 for read-only elements and count keywords", "[scorm2004][runtime]") {
  CHECK(code({{"cmi.learner_id", "other"}}) == 404);
  CHECK(code({{"cmi.completion_threshold", "0.1"}}) == 404);
  CHECK(code({{"cmi.entry", "resume"}}) == 404);
  CHECK(code({{"cmi.objectives.0.id", "o1"}, {"cmi.objectives._count", "3"}}) == 404);
  CHECK(code({{"cmi.total_time", "PT9H"}}) == 404);
}

TEST_CASE("SCORM 2004 406 for a type mismatch", "[scorm2004][runtime]") {
  CHECK(code({{"cmi.completion_status", "done"}}) == 406);
  CHECK(code({{"cmi.success_status", "completed"}}) == 406);
  CHECK(code({{"cmi.exit", "later"}}) == 406);
  CHECK(code({{"cmi.session_time", "00:10:00"}}) == 406);
  CHECK(code({{"cmi.session_time", "PT"}}) == 406);
  CHECK(code({{"cmi.score.raw", "ten"}}) == 406);
  CHECK(code({{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.type", "essay"}}) == 406);
  CHECK(code({{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.type", "true-false"},
              {"cmi.interactions.0.learner_response", "yes"}}) == 406);
  CHECK(code({{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.type", "choice"},
              {"cmi.interactions.0.learner_response", "a[,]a"}}) == 406);
  CHECK(code({{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.type", "matching"},
              {"cmi.interactions.0.correct_responses.0.pattern", "a-b"}}) == 406);
  CHECK(code({{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.timestamp", "yesterday"}}) == 406);
}

TEST_CASE("SCORM 2004 407 for a value out of range", "[scorm2004][runtime]") {
  CHECK(code({{"cmi.score.scaled", "1.5"}}) == 407);
  CHECK(code({{"cmi.score.scaled", "-1.01"}}) == 407);
  CHECK(code({{"cmi.progress_measure", "2"}}) == 407);
  CHECK(code({{"cmi.learner_preference.audio_level", "-1"}}) == 407);
}

TEST_CASE("SCORM 2004 408 when an element comes before what it depends on", "[scorm2004][runtime]") {
  CHECK(code({{"cmi.interactions.0.type", "choice"}}) == 408);
  CHECK(code({{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.learner_response", "a"}}) == 408);
  CHECK(code({{"cmi.objectives.0.score.scaled", "0.5"}}) == 408);
  // Set in an earlier commit counts as established.
  CHECK(code({{"cmi.interactions.0.learner_response", "a"}}, "4th",
             json{{"cmi.interactions.0.id", "q1"}, {"cmi.interactions.0.type", "choice"}}) == 0);
}

TEST_CASE("SCORM 2004 351 for an index out of sequence or data past the edition's limit", "[scorm2004][runtime]") {
  CHECK(code({{"cmi.interactions.2.id", "q3"}}) == 351);
  CHECK(code({{"cmi.location", std::string(1001, 'l')}}) == 351);
  CHECK(code({{"cmi.location", std::string(1000, 'l')}}) == 0);
  for (const char* edition : {"2nd", "3rd"}) {
    INFO(edition);
    CHECK(code({{"cmi.suspend_data", std::string(4000, 's')}}, edition) == 0);
    CHECK(code({{"cmi.suspend_data", std::string(4001, 's')}}, edition) == 351);
  }
  CHECK(code({{"cmi.suspend_data", std::string(64000, 's')}}, "4th") == 0);
  CHECK(code({{"cmi.suspend_data", std::string(64001, 's')}}, "4th") == 351);
}
