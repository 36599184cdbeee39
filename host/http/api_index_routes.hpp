// GET /api/v1 (the API's resources, read from the OpenAPI document) and
// GET /api/v1/openapi.json (the document itself).
#pragma once

#include "http/server/router.hpp"

namespace trellis {

void register_api_index_routes(http::Router& router);

}  // namespace trellis
