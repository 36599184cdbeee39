#include "app/runtime_finder.hpp"

#include "plugins/runtime_capability.hpp"

namespace trellis {

player::RuntimeFinder runtime_finder(Runtime& runtime) {
  return [&runtime](const std::string& format) -> std::optional<player::RuntimeCalls> {
    auto manager = runtime.plugins();
    if (!manager) return std::nullopt;
    // Borrowed from a manager the Runtime keeps (reloads retire, never destroy).
    const plugins::RuntimeCapability* found = (*manager)->runtime_for(format);
    if (found == nullptr) return std::nullopt;
    return player::RuntimeCalls{[found](std::string_view r) { return found->prepare_launch(r); },
                                [found](std::string_view r) { return found->apply_commit(r); }};
  };
}

}  // namespace trellis
