// Mounts the LRS at /xapi/ on the host's HTTP server.
#pragma once

#include "app/runtime.hpp"
#include "server/http_server.hpp"

namespace trellis {

void register_lrs_routes(server::HttpServer& server, Runtime& runtime);

}  // namespace trellis
