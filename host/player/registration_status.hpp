// What `registration show` and GET /api/v1/registrations/{id} answer: each
// launchable module's completion, success, score, time and attempts (from its
// latest attempt's status as the runtime reported it), and the course's
// completed/passed rolled up by the tree (SCORM, for now): completed when every
// launchable module is completed or passed; passed when every module that has a
// success status is passed (null while none has one).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::player {

Result<nlohmann::json> registration_status(store::Database& db, const std::string& registration_id);

}  // namespace trellis::player
