// The cmi5 session rules alone: statements an AU might send, good and bad,
// against one launched session, with the requirement each refusal names.
#include <catch2/catch.hpp>

#include "lrs/cmi5_session_rules.hpp"

using namespace trellis::lrs;
using nlohmann::json;

namespace {

const char* kRegistration = "3c7a3b58-0f5e-4b7e-9d37-1b0c1a2b3c4d";
const char* kSessionId = "d0a4bb4a-7b49-4d5d-9a6b-6a1d2f3e4c5b";
const char* kAuId = "https://trellis.example/cmi5/au/mod-1";
const char* kPublisherId = "https://publisher.example/course/au1";

cmi5::AuSession launched_session() {
  cmi5::AuSession s;
  s.registration = kRegistration;
  s.session_id = kSessionId;
  s.au_activity_id = kAuId;
  s.actor = {{"objectType", "Agent"}, {"name", "Jenny"},
             {"account", {{"homePage", "https://trellis.example"}, {"name", "jenny"}}}};
  s.context_template = {
      {"contextActivities", {{"grouping", json::array({{{"id", kPublisherId}}})}}},
      {"extensions", {{std::string(cmi5::kExtensionSessionId), kSessionId}}}};
  s.session.preferences_read = true;  // as an AU does first (section 11)
  return s;
}

json statement(const std::string& verb, int n) {
  json st = {
      {"id", "00000000-0000-4000-8000-00000000000" + std::to_string(n)},
      {"timestamp", "2026-12-04T10:00:0" + std::to_string(n) + ".000Z"},
      {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", "https://trellis.example"}, {"name", "jenny"}}}}},
      {"verb", {{"id", "http://adlnet.gov/expapi/verbs/" + verb}}},
      {"object", {{"id", kAuId}}},
      {"context",
       {{"registration", kRegistration},
        {"contextActivities",
         {{"grouping", json::array({{{"id", kPublisherId}}})},
          {"category", json::array({{{"id", std::string(cmi5::kCategoryCmi5)}}})}}},
        {"extensions", {{std::string(cmi5::kExtensionSessionId), kSessionId}}}}}};
  if (verb == "terminated") st["result"] = {{"duration", "PT5M"}};
  if (verb == "completed") st["result"] = {{"completion", true}, {"duration", "PT4M"}};
  if (verb == "passed" || verb == "failed") st["result"] = {{"success", verb == "passed"}, {"duration", "PT4M"}};
  if (verb == "completed" || verb == "passed" || verb == "failed")
    st["context"]["contextActivities"]["category"].push_back({{"id", std::string(cmi5::kCategoryMoveOn)}});
  return st;
}

// An allowed (not cmi5 defined) statement: no cmi5 category, any verb and object.
json allowed_statement(int n) {
  auto st = statement("experienced", n);
  st["context"]["contextActivities"].erase("category");
  st["object"]["id"] = "https://publisher.example/page/3";
  return st;
}

std::optional<cmi5::Violation> send(cmi5::AuSession& session, std::vector<json> batch) {
  std::vector<const json*> pointers;
  for (const auto& s : batch) pointers.push_back(&s);
  return cmi5::check_statements(session, pointers, session);
}

std::string refused_with(cmi5::AuSession session, std::vector<json> batch) {
  auto bad = send(session, std::move(batch));
  return bad ? bad->requirement : "accepted";
}

cmi5::AuSession initialized_session() {
  auto s = launched_session();
  REQUIRE_FALSE(send(s, {statement("initialized", 1)}));
  return s;
}

}  // namespace

TEST_CASE("A whole cmi5 session initialized passed completed terminated is accepted") {
  auto s = launched_session();
  auto bad = send(s, {statement("initialized", 1), allowed_statement(2), statement("passed", 3),
                      statement("completed", 4), statement("terminated", 5)});
  INFO((bad ? bad->message : ""));
  REQUIRE_FALSE(bad);
  CHECK(s.session.initialized);
  CHECK(s.session.terminated);
  CHECK(s.in_registration.passed);
  CHECK(s.in_registration.completed);
}

TEST_CASE("Statements before initialized and after terminated are refused") {
  CHECK(refused_with(launched_session(), {allowed_statement(1)}) == "9.3.0.0-4");
  CHECK(refused_with(launched_session(), {statement("completed", 1)}) == "9.3.0.0-4");
  auto s = initialized_session();
  REQUIRE_FALSE(send(s, {statement("terminated", 2)}));
  CHECK(refused_with(s, {allowed_statement(3)}) == "9.3.0.0-5");
  CHECK(refused_with(s, {statement("terminated", 4)}) == "9.3.0.0-5");
  auto abandoned = initialized_session();
  abandoned.session.abandoned = true;
  CHECK(refused_with(abandoned, {allowed_statement(2)}) == "9.3.6.0-2");
}

TEST_CASE("A refused statement refuses its whole batch and leaves the session as it was") {
  auto s = launched_session();
  auto bad = send(s, {statement("initialized", 1), statement("passed", 2), statement("passed", 3)});
  REQUIRE(bad);
  CHECK(bad->requirement == "9.3.0.0-2");
  CHECK(bad->message.find("00000000-0000-4000-8000-000000000003") != std::string::npos);
  CHECK_FALSE(s.session.initialized);
  CHECK_FALSE(s.in_registration.passed);
}

TEST_CASE("Identity context and timestamps of every session statement are checked") {
  auto s = initialized_session();
  auto no_id = allowed_statement(2);
  no_id.erase("id");
  CHECK(refused_with(s, {no_id}) == "9.1.0.0-1");
  auto no_time = allowed_statement(2);
  no_time.erase("timestamp");
  CHECK(refused_with(s, {no_time}) == "9.7.0.0-1");
  auto offset = allowed_statement(2);
  offset["timestamp"] = "2026-12-04T12:00:00+02:00";
  CHECK(refused_with(s, {offset}) == "9.7.0.0-2");
  auto plus_zero = allowed_statement(2);
  plus_zero["timestamp"] = "2026-12-04T12:00:00+00:00";
  CHECK(refused_with(s, {plus_zero}) == "accepted");
  auto stranger = allowed_statement(2);
  stranger["actor"] = {{"mbox", "mailto:someone@example.com"}};
  CHECK(refused_with(s, {stranger}) == "8.1.3.0-3");
  auto no_context = allowed_statement(2);
  no_context.erase("context");
  CHECK(refused_with(s, {no_context}) == "9.6.0.0-1");
  auto no_registration = allowed_statement(2);
  no_registration["context"].erase("registration");
  CHECK(refused_with(s, {no_registration}) == "9.6.1.0-1");
  auto other_registration = allowed_statement(2);
  other_registration["context"]["registration"] = "11111111-2222-4333-8444-555555555555";
  CHECK(refused_with(s, {other_registration}) == "9.6.1.0-1");
  auto upper_case = allowed_statement(2);
  upper_case["context"]["registration"] = "3C7A3B58-0F5E-4B7E-9D37-1B0C1A2B3C4D";
  CHECK(refused_with(s, {upper_case}) == "accepted");
  auto no_session = allowed_statement(2);
  no_session["context"]["extensions"].erase(std::string(cmi5::kExtensionSessionId));
  CHECK(refused_with(s, {no_session}) == "9.6.3.1-4");
  auto no_publisher = allowed_statement(2);
  no_publisher["context"]["contextActivities"].erase("grouping");
  CHECK(refused_with(s, {no_publisher}) == "10.2.1.0-6");
  auto voiding = allowed_statement(2);
  voiding["verb"]["id"] = "http://adlnet.gov/expapi/verbs/voided";
  CHECK(refused_with(s, {voiding}) == "6.3.0.0-1");
}

TEST_CASE("cmi5 defined statements name the AU and an Agent with an account") {
  auto s = initialized_session();
  auto group = statement("completed", 2);
  group["actor"]["objectType"] = "Group";
  CHECK(refused_with(s, {group}) == "9.2.0.0-2");
  auto mbox = statement("completed", 2);
  mbox["actor"] = {{"mbox", "mailto:jenny@example.com"}};
  CHECK(refused_with(s, {mbox}) == "9.2.0.0-3");
  auto elsewhere = statement("completed", 2);
  elsewhere["object"]["id"] = "http://example.com/not/the/lms/id";
  CHECK(refused_with(s, {elsewhere}) == "8.1.5.0-6");
  auto waived = statement("waived", 2);
  CHECK(refused_with(s, {waived}) == "9.3.0.0-1");
  CHECK(refused_with(s, {statement("initialized", 2)}) == "9.3.0.0-2");
}

TEST_CASE("Results carry exactly what their verb allows") {
  auto s = initialized_session();
  auto passed_with_completion = statement("passed", 2);
  passed_with_completion["result"]["completion"] = true;
  CHECK(refused_with(s, {passed_with_completion}) == "9.5.3.0-2");
  auto completed_with_success = statement("completed", 2);
  completed_with_success["result"]["success"] = true;
  CHECK(refused_with(s, {completed_with_success}) == "9.5.2.0-3");
  auto completed_false = statement("completed", 2);
  completed_false["result"]["completion"] = false;
  CHECK(refused_with(s, {completed_false}) == "9.5.3.0-1");
  auto completed_bare = statement("completed", 2);
  completed_bare.erase("result");
  CHECK(refused_with(s, {completed_bare}) == "9.5.3.0-1");
  auto passed_false = statement("passed", 2);
  passed_false["result"]["success"] = false;
  CHECK(refused_with(s, {passed_false}) == "9.5.2.0-1");
  auto failed_true = statement("failed", 2);
  failed_true["result"]["success"] = true;
  CHECK(refused_with(s, {failed_true}) == "9.5.2.0-2");
  auto completed_scored = statement("completed", 2);
  completed_scored["result"]["score"] = {{"scaled", 0.5}};
  CHECK(refused_with(s, {completed_scored}) == "9.5.1.0-2");
  auto raw_alone = statement("passed", 2);
  raw_alone["result"]["score"] = {{"raw", 8}};
  CHECK(refused_with(s, {raw_alone}) == "9.5.1.0-3");
  auto no_move_on = statement("completed", 2);
  no_move_on["context"]["contextActivities"]["category"].erase(1);
  CHECK(refused_with(s, {no_move_on}) == "9.6.2.2-1");
  auto move_on_elsewhere = allowed_statement(2);
  move_on_elsewhere["context"]["contextActivities"]["category"] =
      json::array({{{"id", std::string(cmi5::kCategoryMoveOn)}}});
  CHECK(refused_with(s, {move_on_elsewhere}) == "9.6.2.2-2");
  for (auto [verb, requirement] : {std::pair{"terminated", "9.5.4.1-1"}, std::pair{"completed", "9.5.4.1-2"},
                                   std::pair{"passed", "9.5.4.1-3"}, std::pair{"failed", "9.5.4.1-4"}}) {
    auto timeless = statement(verb, 2);
    timeless["result"].erase("duration");
    CHECK(refused_with(s, {timeless}) == requirement);
  }
}

TEST_CASE("Passed and failed follow the mastery score and each other") {
  auto s = initialized_session();
  s.mastery_score = 0.8;
  auto scored = [&](const char* verb, double scaled, std::optional<double> extension) {
    auto st = statement(verb, 2);
    st["result"]["score"] = {{"scaled", scaled}};
    if (extension) st["context"]["extensions"][std::string(cmi5::kExtensionMasteryScore)] = *extension;
    return st;
  };
  CHECK(refused_with(s, {scored("passed", 0.9, std::nullopt)}) == "9.6.3.2-2");
  CHECK(refused_with(s, {scored("passed", 0.9, 0.7)}) == "9.6.3.2-2");
  CHECK(refused_with(s, {scored("passed", 0.7, 0.8)}) == "9.3.4.0-2");
  CHECK(refused_with(s, {scored("failed", 0.8, 0.8)}) == "9.3.6.0-1");
  CHECK(refused_with(s, {scored("passed", 0.8, 0.8)}) == "accepted");

  auto failed_first = initialized_session();
  REQUIRE_FALSE(send(failed_first, {statement("failed", 2)}));
  CHECK(refused_with(failed_first, {statement("passed", 3)}) == "9.3.0.0-3");
  CHECK(refused_with(failed_first, {statement("failed", 3)}) == "9.3.0.0-2");

  auto later_session = initialized_session();
  later_session.in_registration.passed = true;
  CHECK(refused_with(later_session, {statement("passed", 2)}) == "9.3.0.0-7");
  CHECK(refused_with(later_session, {statement("failed", 2)}) == "9.3.0.0-8");
  later_session.in_registration.completed = true;
  CHECK(refused_with(later_session, {statement("completed", 2)}) == "9.3.0.0-6");
}

TEST_CASE("Browse and Review sessions allow only initialized and terminated of the defined verbs") {
  auto browse = launched_session();
  browse.launch_mode = cmi5::LaunchMode::browse;
  REQUIRE_FALSE(send(browse, {statement("initialized", 1)}));
  CHECK(refused_with(browse, {statement("completed", 2)}) == "10.2.2.0-2");
  CHECK(refused_with(browse, {allowed_statement(2), statement("terminated", 3)}) == "accepted");
  auto review = launched_session();
  review.launch_mode = cmi5::LaunchMode::review;
  REQUIRE_FALSE(send(review, {statement("initialized", 1)}));
  CHECK(refused_with(review, {statement("passed", 2)}) == "10.2.2.0-3");
  CHECK(refused_with(review, {statement("failed", 2)}) == "10.2.2.0-3");
}

TEST_CASE("Document requests of an AU session") {
  auto s = launched_session();
  using Resource = cmi5::DocumentRequest::Resource;
  cmi5::DocumentRequest read_launch_data{Resource::state, "GET", "LMS.LaunchData", s.actor, kRegistration, "", ""};
  CHECK_FALSE(cmi5::check_document_request(s, read_launch_data));
  auto write_launch_data = read_launch_data;
  write_launch_data.method = "PUT";
  write_launch_data.content_type = "application/json";
  write_launch_data.body = "{}";
  CHECK(cmi5::check_document_request(s, write_launch_data)->requirement == "10.2.1.0-5");
  write_launch_data.method = "DELETE";
  CHECK(cmi5::check_document_request(s, write_launch_data)->requirement == "10.2.1.0-5");
  auto other_registration = read_launch_data;
  other_registration.registration = "11111111-2222-4333-8444-555555555555";
  CHECK(cmi5::check_document_request(s, other_registration)->requirement == "8.1.4.0-3");

  auto prefs = [&](std::string body, std::string type = "application/json") {
    static std::string kept;
    kept = std::move(body);
    cmi5::DocumentRequest r{Resource::agent_profile, "PUT", "cmi5LearnerPreferences", s.actor, std::nullopt,
                            std::move(type), kept};
    auto bad = cmi5::check_document_request(s, r);
    return bad ? bad->requirement : std::string("accepted");
  };
  CHECK(prefs(R"({"languagePreference":"en-US,fr-FR,fr-BE","audioPreference":"on"})") == "accepted");
  CHECK(prefs(R"({"languagePreference":"en-US","audioPreference":"on"})", "text/plain") == "11.0.0.0-5");
  CHECK(prefs("just some text") == "11.0.0.0-5");
  CHECK(prefs(R"({"audioPreference":"on"})") == "11.0.0.0-5");
  CHECK(prefs(R"({"languagePreference":"en-US"})") == "11.0.0.0-5");
  CHECK(prefs(R"({"languagePreference":"not comma separated","audioPreference":"on"})") == "11.1.0.0-1");
  CHECK(prefs(R"({"languagePreference":"","audioPreference":"on"})") == "11.1.0.0-1");
  CHECK(prefs(R"({"languagePreference":"en","audioPreference":"loud"})") == "11.2.0.0-1");

  cmi5::DocumentRequest someone_else{Resource::agent_profile, "GET", "cmi5LearnerPreferences",
                                     json{{"mbox", "mailto:catapult@example.com"}}, std::nullopt, "", ""};
  CHECK(cmi5::check_document_request(s, someone_else)->requirement == "11.0.0.0-1");
  cmi5::DocumentRequest no_agent{Resource::agent_profile, "PUT", "cmi5LearnerPreferences", std::nullopt,
                                 std::nullopt, "application/json", "{}"};
  CHECK(cmi5::check_document_request(s, no_agent)->requirement == "11.0.0.0-5");
}

TEST_CASE("moveOn decides when an AU is satisfied") {
  CHECK(cmi5::move_on_met("Completed", true, false));
  CHECK_FALSE(cmi5::move_on_met("Completed", false, true));
  CHECK(cmi5::move_on_met("Passed", false, true));
  CHECK(cmi5::move_on_met("CompletedOrPassed", false, true));
  CHECK_FALSE(cmi5::move_on_met("CompletedAndPassed", true, false));
  CHECK(cmi5::move_on_met("CompletedAndPassed", true, true));
  CHECK(cmi5::move_on_met("NotApplicable", false, false));
}

TEST_CASE("cmi5 initialized before the AU read the learner preferences is refused") {
  auto s = launched_session();
  s.session.preferences_read = false;
  CHECK(refused_with(s, {statement("initialized", 1)}) == "11.0.0.0-3");
  s.session.preferences_read = true;
  CHECK(refused_with(s, {statement("initialized", 1)}) == "accepted");
}
