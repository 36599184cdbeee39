// Attempts on a module of a registration: the open one is resumed; when none is
// open (never launched, or the last one ended without suspending) a new one
// begins with the next number.
#pragma once

#include <string>

#include "core/result.hpp"
#include "player/player_store.hpp"
#include "store/database.hpp"

namespace trellis::player {

// Call inside the caller's transaction. Marks a new session on the attempt: its
// next commit is the session's first.
Result<Attempt> open_or_resume_attempt(store::Database& db, const Registration& registration,
                                       const std::string& module_id);

}  // namespace trellis::player
