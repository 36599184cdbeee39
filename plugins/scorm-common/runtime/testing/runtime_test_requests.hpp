// Requests as the host's player sends them, for the SCORM runtimes' tests,
// and the check that every statement an outcome carries would be stored by
// the host's LRS (its own validator, not a copy of its rules).
#pragma once

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>

#include "lrs/statement_validator.hpp"

namespace trellis::scorm::rt::testing {

struct Launch {
  std::string format = "scorm12", edition;
  nlohmann::json attributes = nlohmann::json::object();
  nlohmann::json sequencing = nlohmann::json::object();
  nlohmann::json state;  // null: never committed
  std::string credit = "credit", mode = "normal";
  int attempt = 1;

  nlohmann::json launch_request() const {
    nlohmann::json course = {{"format", format}, {"identifier", "course-1"}, {"title", "Safety"}};
    course["edition"] = edition.empty() ? nlohmann::json(nullptr) : nlohmann::json(edition);
    return {{"schema", "trellis.launch-request/1"},
            {"course", course},
            {"module",
             {{"identifier", "item_1"}, {"title", "Fire safety"}, {"attributes", attributes}, {"sequencing", sequencing}}},
            {"learner", {{"id", "learner-7"}, {"name", "Doe, Jane"}}},
            {"attempt", {{"number", attempt}, {"mode", mode}, {"credit", credit}, {"state", state}}}};
  }

  nlohmann::json commit_request(nlohmann::json elements, bool terminate = false, bool session_first = false) const {
    nlohmann::json r = launch_request();
    r["schema"] = "trellis.commit-request/1";
    r["elements"] = std::move(elements);
    r["terminate"] = terminate;
    r["session_first"] = session_first;
    r["statement_context"] = {
        {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", "https://lms.example"}, {"name", "learner-7"}}}}},
        {"registration", "0f8fad5b-d9cb-469f-a165-70867728950e"},
        {"activity_id", "https://trellis.example/courses/course-1/item_1"},
        {"course_activity_id", "https://trellis.example/courses/course-1"},
        {"timestamp", "2026-12-04T13:00:00Z"}};
    return r;
  }
};

// Every statement passes the host's validator (xAPI 1.0.3 and 2.0), carries
// the profile's category and the attempt in its grouping; returns the verbs.
inline std::vector<std::string> checked_verbs(const nlohmann::json& outcome) {
  std::vector<std::string> verbs;
  REQUIRE(outcome.contains("statements"));
  for (const auto& s : outcome["statements"]) {
    INFO(s.dump(2));
    auto v1 = trellis::lrs::validate_statement(s, trellis::xapi::XapiVersion::v1_0);
    INFO((v1.ok() ? std::string() : v1.error().message));
    CHECK(v1.ok());
    CHECK(trellis::lrs::validate_statement(s, trellis::xapi::XapiVersion::v2_0).ok());
    const auto& ca = s["context"]["contextActivities"];
    CHECK(ca["category"][0]["id"] == "http://adlnet.gov/xapi/profile/scorm");
    CHECK(ca["grouping"][0]["id"] ==
          "https://trellis.example/courses/course-1/item_1/attempts/0f8fad5b-d9cb-469f-a165-70867728950e/1");
    CHECK(s["timestamp"] == "2026-12-04T13:00:00Z");
    std::string id = s["verb"]["id"];
    verbs.push_back(id.substr(id.rfind('/') + 1));
  }
  return verbs;
}

}  // namespace trellis::scorm::rt::testing
