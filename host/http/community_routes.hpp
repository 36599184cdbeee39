// REST for native discussions: /api/v1/modules/{id}/discussions,
// /api/v1/threads/{id} (+ /posts, /accept) and /api/v1/posts/{id}.
#pragma once

namespace trellis {

struct Runtime;
namespace http {
class HttpServer;
}

void register_community_routes(http::HttpServer& server, Runtime& runtime);

}  // namespace trellis
