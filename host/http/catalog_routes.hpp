// REST surface of the catalog: package upload and course reading.
#pragma once

namespace trellis {
struct Runtime;
namespace http {
class HttpServer;
}
void register_catalog_routes(http::HttpServer& server, Runtime& runtime);
}  // namespace trellis
