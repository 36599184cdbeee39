#include "http/routes.hpp"

#include <nlohmann/json.hpp>

#include "core/paths.hpp"
#include "core/version.hpp"
#include "http/console_routes.hpp"
#include "http/api_index_routes.hpp"
#include "http/catalog_routes.hpp"
#include "http/community_routes.hpp"
#include "http/export_job_routes.hpp"
#include "http/export_routes.hpp"
#include "http/job_routes.hpp"
#include "http/knowledge_routes.hpp"
#include "http/lrs/lrs_routes.hpp"
#include "http/player_routes.hpp"
#include "http/plugin_routes.hpp"
#include "http/problem.hpp"

namespace trellis {
namespace {

void register_core_routes(http::Router& router, Runtime& runtime, std::function<bool()> stopping) {
  // Neither takes a body: the default small limit.
  router.get("/healthz", [&runtime, stopping = std::move(stopping)](http::Request&, http::Response& res) {
    if (stopping && stopping()) {
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
  router.get("/api/v1/version", [](http::Request&, http::Response& res) {
    nlohmann::json body = {{"version", kHostVersion},
                           {"plugin_abi", {{"major", kPluginAbiMajor}, {"minor", kPluginAbiMinor}}}};
    http::send_json(res, 200, body.dump());
  });
}

}  // namespace

void register_all_routes(http::Router& router, Runtime& runtime, std::function<bool()> stopping,
                         std::optional<std::string> content_origin, std::filesystem::path web_assets) {
  register_core_routes(router, runtime, std::move(stopping));
  register_api_index_routes(router);
  register_catalog_routes(router, runtime);
  register_community_routes(router, runtime);
  register_lrs_routes(router, runtime);
  register_records_routes(router, runtime);
  register_export_job_routes(router, runtime);
  plugins::register_plugin_routes(router, runtime);
  register_knowledge_routes(router, runtime);
  register_job_routes(router, runtime);
  register_player_routes(router, runtime, content_origin);
  register_console_routes(router, runtime, web_assets.empty() ? paths::web_assets_dir() : std::move(web_assets),
                          std::move(content_origin));
}

}  // namespace trellis
