// The player's way to a format's runtime: the plugin manager's runtime_for,
// looked up per call so a plugin enabled or reloaded later is found.
#pragma once

#include "app/runtime.hpp"
#include "player/runtime_calls.hpp"

namespace trellis {

player::RuntimeFinder runtime_finder(Runtime& runtime);

}  // namespace trellis
