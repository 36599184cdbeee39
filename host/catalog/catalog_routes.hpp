// REST surface of the catalog: package upload and course reading.
#pragma once

namespace trellis {
struct Runtime;
namespace server {
class HttpServer;
}
void register_catalog_routes(server::HttpServer& server, Runtime& runtime);
}  // namespace trellis
