// Mounts every domain's HTTP handlers on the server.
#pragma once

#include "app/runtime.hpp"
#include "http/http_server.hpp"

namespace trellis {

void register_all_routes(http::HttpServer& server, Runtime& runtime);

}  // namespace trellis
