// `trellis registration waive` and POST /api/v1/registrations/{id}/waive: an
// administrator excuses a learner from a cmi5 AU (cmi5 section 9.3.7). The
// LMS records "waived" with the reason, the AU counts as satisfied for its
// block and course, and any "satisfied" then owed follows in the same
// transaction.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::player {

// `module`: id or identifier of an AU of the registration's version; `reason`:
// Tested Out, Equivalent AU, Equivalent Outside Activity or Administrative.
// Answers {"registration", "module", "reason", "statements": [ids]}.
Result<nlohmann::json> waive_module(store::Database& db, const std::string& registration_id, const std::string& module,
                                    const std::string& reason);

}  // namespace trellis::player
