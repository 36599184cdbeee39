// The OpenAPI 3.1 document of /api/v1, written by hand in http/openapi.json and
// compiled in at build time (embed_text.cmake). A test holds it to the routes
// the server registers: every /api/v1 route documented, every documented one
// registered, each with the access rule http/access_rules.cpp declares.
#pragma once

#include <string_view>

namespace trellis::http {

std::string_view openapi_document();

}  // namespace trellis::http
