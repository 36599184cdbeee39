// Statements the host makes itself (community activity today): they pass the
// same rules as a learner's, so an export never carries what the LRS would have
// refused, and are stored through the same path.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::lrs {

// Validates (xAPI 1.0.3 rules), prepares and stores one statement on `db`, inside
// the caller's transaction if one is open. A statement the rules refuse is an
// internal error: the host wrote it.
Status record_host_statement(store::Database& db, nlohmann::json statement, const nlohmann::json& authority);

}  // namespace trellis::lrs
