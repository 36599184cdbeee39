// A commit from the launch page: {"seq", "terminate", "elements"} for one
// attempt. seq must be the attempt's last + 1; the same body again at the last
// seq (a retry whose answer was lost) gets the stored answer; anything else is a
// conflict. The runtime plugin checks the elements; a refused commit (its
// error_code) is answered {"result": false, ...} and stores nothing; an accepted
// one stores state, status and the outcome's statements (in the host LRS) in
// one transaction, and is answered only once that is committed.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "player/play_access.hpp"
#include "player/runtime_calls.hpp"
#include "store/database.hpp"
#include "store/pool.hpp"

namespace trellis::player {

// Errors: invalid_input/usage (the body), not_found (no such attempt in the
// registration), conflict (seq out of order, attempt closed), environment (the
// database busy). Reads on a pooled connection; writes on the pool's writer
// lane, which queues concurrent commits in the process instead of letting
// them race for SQLite's write lock, whose busy handler sleeps milliseconds.
Result<nlohmann::json> commit_attempt(store::DatabasePool& pool, const PlayAccess& access, const std::string& attempt_id,
                                      const std::string& body, const RuntimeFinder& runtimes);

}  // namespace trellis::player
