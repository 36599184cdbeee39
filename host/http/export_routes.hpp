// GET /api/v1/records/export: the same export as `trellis records export`,
// streamed as a chunked HTTP response.
#pragma once

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

void register_records_routes(http::Router& router, Runtime& runtime);

}  // namespace trellis
