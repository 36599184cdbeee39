// REST for plugin administration under /api/v1/plugins.
#pragma once

#include "app/runtime.hpp"
#include "http/http_server.hpp"

namespace trellis::plugins {

void register_plugin_routes(http::HttpServer& server, Runtime& runtime);

}  // namespace trellis::plugins
