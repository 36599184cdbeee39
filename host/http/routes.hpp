// Mounts every domain's HTTP handlers on the router.
#pragma once

#include <functional>

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

// `stopping` tells /healthz the host is shutting down (it answers 503 then).
void register_all_routes(http::Router& router, Runtime& runtime, std::function<bool()> stopping);

}  // namespace trellis
