// Mounts the LRS at /xapi/ on the host's HTTP server.
#pragma once

#include "app/runtime.hpp"
#include "http/http_server.hpp"

namespace trellis {

void register_lrs_routes(http::HttpServer& server, Runtime& runtime);

}  // namespace trellis
