// The trellis.runtime/1 documents as both SCORM runtimes read and write them
// (trellis/runtime.h describes every member). A request that is not the
// document it claims to be throws trellis::InvalidInput, which the SDK
// wrapper turns into TRELLIS_ERR_INVALID_INPUT.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "flat_model.hpp"

namespace trellis::scorm::rt {

struct LaunchRequest {
  nlohmann::json course;   // {"format", "edition", "identifier", "title"}
  nlohmann::json module;   // the node as the importer gave it
  std::string learner_id, learner_name;
  int attempt_number = 1;
  std::string mode = "normal", credit = "credit";
  Flat state = Flat::object();  // the stored elements; empty for a new attempt
  bool has_state = false;
};

struct CommitRequest : LaunchRequest {
  Flat elements = Flat::object();
  bool terminate = false, session_first = false;
  nlohmann::json statement_context;  // {actor, registration, activity_id, course_activity_id, timestamp}
};

LaunchRequest parse_launch_request(std::string_view json);
CommitRequest parse_commit_request(std::string_view json);

// The node's attribute `name`, or null.
const nlohmann::json& module_attribute(const LaunchRequest& r, const char* name);

struct Status {
  std::string completion = "unknown", success = "unknown", location;
  std::optional<double> score_scaled, score_raw;
  double session_seconds = 0, total_seconds = 0;
  bool suspended = false;
};

std::string launch_plan(const char* api, const Flat& elements);
std::string refused_outcome(int code, const std::string& element, const std::string& text);
std::string accepted_outcome(const Flat& state, const Status& status, const std::string& navigation,
                             const nlohmann::json& statements);

}  // namespace trellis::scorm::rt
