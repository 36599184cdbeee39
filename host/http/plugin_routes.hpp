// REST for plugin administration under /api/v1/plugins.
#pragma once

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis::plugins {

void register_plugin_routes(http::Router& router, Runtime& runtime);

}  // namespace trellis::plugins
