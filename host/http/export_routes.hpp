// GET /api/v1/records/export: the same export as `trellis records export`,
// streamed as a chunked HTTP response.
#pragma once

#include "app/runtime.hpp"
#include "http/http_server.hpp"

namespace trellis {

void register_records_routes(http::HttpServer& server, Runtime& runtime);

}  // namespace trellis
