// REST for native discussions: /api/v1/modules/{id}/discussions,
// /api/v1/threads/{id} (+ /posts, /accept) and /api/v1/posts/{id}.
#pragma once

#include "http/server/router.hpp"

namespace trellis {

struct Runtime;

void register_community_routes(http::Router& router, Runtime& runtime);

}  // namespace trellis
