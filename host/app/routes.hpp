// Mounts every domain's HTTP handlers on the server.
#pragma once

#include "app/runtime.hpp"
#include "server/http_server.hpp"

namespace trellis {

void register_all_routes(server::HttpServer& server, Runtime& runtime);

}  // namespace trellis
