// REST for knowledge search, connectors and module links (docs/admin.md).
#pragma once

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

void register_knowledge_routes(http::Router& router, Runtime& runtime);

}  // namespace trellis
