// xAPI statements for what a commit changed, following ADL's xAPI SCORM
// Profile: the SCO is the object (type lesson), context.contextActivities
// groups the attempt activity and the course, the profile activity is the
// category, interactions are their own activities with the SCO as parent.
// Actor, registration, activity ids and timestamp come from the request's
// statement_context; the runtime only says what happened.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace trellis::scorm::rt {

inline constexpr const char* kScormProfile = "http://adlnet.gov/xapi/profile/scorm";

struct AnsweredInteraction {
  std::string id, type, result, response, description;
  std::vector<std::string> correct_patterns;
};

struct Score {
  std::optional<double> scaled, raw, min, max;
};

// The facts of one commit the statements are made of, in the order they are
// reported: session start, answers, score, completion, success, session end.
struct CommitFacts {
  std::string activity_name;
  int attempt_number = 1;
  bool session_first = false, resumed = false;
  std::vector<AnsweredInteraction> answered;
  bool scored = false;  // the score changed
  Score score;
  bool completed = false;              // completion became "completed"
  std::optional<bool> passed;          // success became passed (true) or failed (false)
  bool terminate = false, suspended = false;
  double session_seconds = 0;
};

// The attempt activity's id: <activity_id>/attempts/<registration>/<n>.
std::string attempt_activity_id(const nlohmann::json& statement_context, int attempt_number);

// Every statement the facts are worth, complete; empty when the context
// lacks an actor, registration or activity id (nothing to say it about).
nlohmann::json build_statements(const nlohmann::json& statement_context, const CommitFacts& facts);

}  // namespace trellis::scorm::rt
