// How the player reaches a format's runtime (capability trellis.runtime/1 of a
// plugin) without knowing the plugin manager: the composition root hands it a
// finder. Each call takes the request document's JSON text and answers the
// plan's or outcome's (sdk/include/trellis/runtime.h).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace trellis::player {

struct RuntimeCalls {
  std::function<Result<std::string>(std::string_view request_json)> prepare_launch;
  std::function<Result<std::string>(std::string_view request_json)> apply_commit;
};

// nullopt: no enabled plugin runs that format.
using RuntimeFinder = std::function<std::optional<RuntimeCalls>(const std::string& format)>;

}  // namespace trellis::player
