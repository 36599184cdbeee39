// REST for knowledge search, connectors and module links (docs/admin.md).
#pragma once

#include "app/runtime.hpp"
#include "http/http_server.hpp"

namespace trellis {

void register_knowledge_routes(http::HttpServer& server, Runtime& runtime);

}  // namespace trellis
