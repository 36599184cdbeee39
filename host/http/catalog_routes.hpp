// REST surface of the catalog: package upload and course reading.
#pragma once

#include "http/server/router.hpp"

namespace trellis {
struct Runtime;
void register_catalog_routes(http::Router& router, Runtime& runtime);
}  // namespace trellis
