// The parts of a commit: the body the launch page sends and the
// trellis.commit-request/1 document the runtime plugin takes.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace trellis::player {

struct CommitBody {
  int64_t seq = 0;
  bool terminate = false;
  nlohmann::json elements;  // an object of flattened elements
};

// {"seq": integer >= 1, "terminate": bool (optional), "elements": object}
Result<CommitBody> parse_commit_body(const std::string& body);

struct StatementContext {
  nlohmann::json actor;
  std::string registration;
  std::string activity_id;
  std::string course_activity_id;
  std::string timestamp;
};

// The launch request's members plus the commit's (sdk/include/trellis/runtime.h).
nlohmann::json commit_request(nlohmann::json launch_request, const CommitBody& body, bool session_first,
                              const StatementContext& context);

}  // namespace trellis::player
