// REST for plugin administration under /api/v1/plugins.
#pragma once

#include "app/runtime.hpp"
#include "server/http_server.hpp"

namespace trellis::plugins {

void register_plugin_routes(server::HttpServer& server, Runtime& runtime);

}  // namespace trellis::plugins
