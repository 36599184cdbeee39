// Mounts the LRS at /xapi/ on the host's HTTP router.
#pragma once

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

void register_lrs_routes(http::Router& router, Runtime& runtime);

}  // namespace trellis
