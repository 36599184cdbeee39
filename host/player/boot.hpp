// The launch page's boot data (and the answer of the start route): which API the
// browser offers the content (from the runtime's launch plan), the values it
// starts with, where the content and the commits go, and the course tree for
// navigation. Opening the page or starting a module opens or resumes the
// attempt and begins a session on it.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "player/play_access.hpp"
#include "player/runtime_calls.hpp"
#include "store/database.hpp"

namespace trellis::player {

// `module`: the module to run (id or identifier); nullopt: the token's attempt's
// module. The token is moved to the attempt opened.
Result<nlohmann::json> boot_document(store::Database& db, const PlayAccess& access,
                                     const std::optional<std::string>& module, const RuntimeFinder& runtimes);

}  // namespace trellis::player
