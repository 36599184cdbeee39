// REST for native discussions: /api/v1/modules/{id}/discussions,
// /api/v1/threads/{id} (+ /posts, /accept) and /api/v1/posts/{id}.
#pragma once

namespace trellis {

struct Runtime;
namespace server {
class HttpServer;
}

void register_community_routes(server::HttpServer& server, Runtime& runtime);

}  // namespace trellis
