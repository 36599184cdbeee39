#include "http/routes.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "http/catalog_routes.hpp"
#include "http/community_routes.hpp"
#include "core/version.hpp"
#include "http/knowledge_routes.hpp"
#include "http/plugin_routes.hpp"
#include "http/problem.hpp"
#include "http/lrs/lrs_routes.hpp"
#include "http/export_routes.hpp"

namespace trellis {
namespace {

void register_core_routes(http::HttpServer& server, Runtime& runtime) {
  auto& r = server.routes();
  r.Get("/healthz", [&runtime, &server](const httplib::Request&, httplib::Response& res) {
    if (server.stopping()) {
      http::send_problem(res, 503, "Service Unavailable", "the host is shutting down");
      return;
    }
    auto lease = runtime.pool.acquire();
    bool db_ok = false;
    if (lease) {
      auto st = (*lease)->prepare("SELECT 1");
      db_ok = st && st->step().ok();
    }
    nlohmann::json body = {{"status", db_ok ? "ok" : "degraded"}, {"database", db_ok ? "ok" : "unavailable"}};
    http::send_json(res, db_ok ? 200 : 503, body.dump());
  });
  r.Get("/api/v1/version", [](const httplib::Request&, httplib::Response& res) {
    nlohmann::json body = {{"version", kHostVersion},
                           {"plugin_abi", {{"major", kPluginAbiMajor}, {"minor", kPluginAbiMinor}}}};
    http::send_json(res, 200, body.dump());
  });
}

}  // namespace

void register_all_routes(http::HttpServer& server, Runtime& runtime) {
  register_core_routes(server, runtime);
  register_catalog_routes(server, runtime);
  register_community_routes(server, runtime);
  register_lrs_routes(server, runtime);
  register_records_routes(server, runtime);
  plugins::register_plugin_routes(server, runtime);
  register_knowledge_routes(server, runtime);
}

}  // namespace trellis
