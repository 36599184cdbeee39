// The JSON shapes of discussions, the same for `trellis discuss --json` and the
// REST API.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "community/community_service.hpp"

namespace trellis::community {

nlohmann::json module_json(const catalog::ModuleRef& module);
// A thread without its posts.
nlohmann::json thread_summary_json(const Thread& thread);
nlohmann::json post_json(const Post& post);
nlohmann::json thread_json(const ThreadView& view);
nlohmann::json discussions_json(const ModuleDiscussions& list);

}  // namespace trellis::community
