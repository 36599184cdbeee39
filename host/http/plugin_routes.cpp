// GET    /api/v1/plugins                 list
// GET    /api/v1/plugins/{id}            info
// POST   /api/v1/plugins                 install: a .zip body (application/zip) or
//                                        {"path": "...", "allow_unsigned": bool}
// POST   /api/v1/plugins/check           check: same body as install
// POST   /api/v1/plugins/{id}/upgrade    same body as install
// POST   /api/v1/plugins/{id}/rollback | /enable | /disable
// PUT    /api/v1/plugins/{id}/settings   {"KEY": "VALUE", ...}
// DELETE /api/v1/plugins/{id}[?purge=true]
// Changes reload the plugins, so the running server uses them at once.
#include "http/plugin_routes.hpp"

#include <nlohmann/json.hpp>

#include <httplib.h>
#include <unistd.h>

#include <fstream>
#include <mutex>

#include "http/admin_gate.hpp"
#include "plugins/admin.hpp"
#include "plugins/probe.hpp"
#include "http/problem.hpp"

namespace trellis::plugins {
namespace {

using Json = nlohmann::json;
constexpr const char* kId = "([a-z0-9][a-z0-9._-]{0,63})";

std::mutex g_admin_mutex;  // one admin change at a time

// Runs `action` with an admin over the current plugins; `changes` reloads after.
// The admin behind the current request; set by `guarded` for the handler's thread.
thread_local std::string t_actor = "http";

void with_admin(Runtime& runtime, httplib::Response& res, bool changes, int ok_status,
                const std::function<Result<Json>(PluginAdmin&)>& action) {
  std::unique_lock lock(g_admin_mutex, std::defer_lock);
  if (changes) lock.lock();
  auto manager = runtime.plugins();
  if (!manager) return http::send_error(res, manager.error());
  auto db = runtime.pool.acquire();
  if (!db) return http::send_error(res, db.error());
  PluginAdmin admin(runtime.home, **db, *manager.value(), probe_executable(), "http:" + t_actor);
  auto result = action(admin);
  if (!result) return http::send_error(res, result.error());
  if (changes)
    if (auto reloaded = runtime.reload_plugins(); !reloaded) return http::send_error(res, reloaded.error());
  http::send_json(res, ok_status, result->dump(-1, ' ', false, Json::error_handler_t::replace));
}

// The plugin a request names: a .zip body saved under the home's tmp/, or a
// server-side path in a JSON body.
struct Source {
  std::filesystem::path path;
  bool allow_unsigned = false;
  std::filesystem::path saved;
  ~Source() {
    std::error_code ec;
    if (!saved.empty()) std::filesystem::remove(saved, ec);
  }
};

Result<void> read_source(Runtime& runtime, const httplib::Request& req, Source& out) {
  out.allow_unsigned = req.get_param_value("allow_unsigned") == "true";
  auto type = req.get_header_value("Content-Type");
  if (type.rfind("application/zip", 0) == 0) {
    static std::atomic<int> counter{0};
    out.saved = runtime.home.tmp() / ("upload-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".zip");
    std::ofstream o(out.saved, std::ios::binary);
    o << req.body;
    if (!o) return make_error(ErrorKind::environment, "cannot store the uploaded plugin");
    out.path = out.saved;
    return {};
  }
  auto j = Json::parse(req.body, nullptr, false);
  if (!j.is_object() || !j.contains("path") || !j["path"].is_string())
    return make_error(ErrorKind::invalid_input,
                      "send the plugin as an application/zip body, or JSON {\"path\": \"<folder or .zip on the server>\"}");
  out.path = j["path"].get<std::string>();
  out.allow_unsigned = out.allow_unsigned || j.value("allow_unsigned", false);
  return {};
}

// Every plugin route is for admins only (settings may hold other systems'
// secrets), and the check comes before the body is looked at or stored.
httplib::Server::Handler guarded(Runtime& runtime, httplib::Server::Handler handler) {
  return [&runtime, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    auto admin = require_admin(runtime, req, res);
    if (!admin) return;
    t_actor = admin->name;
    handler(req, res);
  };
}

}  // namespace

void register_plugin_routes(http::HttpServer& server, Runtime& runtime) {
  struct GuardedRoutes {
    Runtime& runtime;
    httplib::Server& server;
    void Get(const std::string& p, httplib::Server::Handler h) { server.Get(p, guarded(runtime, std::move(h))); }
    void Post(const std::string& p, httplib::Server::Handler h) { server.Post(p, guarded(runtime, std::move(h))); }
    void Put(const std::string& p, httplib::Server::Handler h) { server.Put(p, guarded(runtime, std::move(h))); }
    void Delete(const std::string& p, httplib::Server::Handler h) { server.Delete(p, guarded(runtime, std::move(h))); }
  } r{runtime, server.routes()};
  r.Get("/api/v1/plugins", [&runtime](const httplib::Request&, httplib::Response& res) {
    with_admin(runtime, res, false, 200, [](PluginAdmin& a) { return a.list(); });
  });
  r.Get(std::string("/api/v1/plugins/") + kId, [&runtime](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    with_admin(runtime, res, false, 200, [&](PluginAdmin& a) { return a.info(id); });
  });
  r.Post("/api/v1/plugins", [&runtime](const httplib::Request& req, httplib::Response& res) {
    Source src;
    if (auto st = read_source(runtime, req, src); !st) return http::send_error(res, st.error());
    with_admin(runtime, res, true, 201, [&](PluginAdmin& a) { return a.install(src.path, {src.allow_unsigned, false, {}}); });
  });
  r.Post("/api/v1/plugins/check", [&runtime](const httplib::Request& req, httplib::Response& res) {
    Source src;
    if (auto st = read_source(runtime, req, src); !st) return http::send_error(res, st.error());
    with_admin(runtime, res, false, 200, [&](PluginAdmin& a) { return a.check(src.path); });
  });
  r.Post(std::string("/api/v1/plugins/") + kId + "/(upgrade|rollback|enable|disable)",
         [&runtime](const httplib::Request& req, httplib::Response& res) {
           std::string id = req.matches[1], verb = req.matches[2];
           if (verb == "upgrade") {
             Source src;
             if (auto st = read_source(runtime, req, src); !st) return http::send_error(res, st.error());
             return with_admin(runtime, res, true, 200,
                               [&](PluginAdmin& a) { return a.install(src.path, {src.allow_unsigned, true, id}); });
           }
           with_admin(runtime, res, true, 200, [&](PluginAdmin& a) {
             return verb == "rollback" ? a.rollback(id) : a.set_enabled(id, verb == "enable");
           });
         });
  r.Put(std::string("/api/v1/plugins/") + kId + "/settings",
        [&runtime](const httplib::Request& req, httplib::Response& res) {
          std::string id = req.matches[1];
          auto j = Json::parse(req.body, nullptr, false);
          std::map<std::string, std::string> values;
          if (!j.is_object() || j.empty())
            return http::send_error(res, make_error(ErrorKind::invalid_input, "send a JSON object {\"KEY\": \"VALUE\"}"));
          for (const auto& [k, v] : j.items()) values[k] = v.is_string() ? v.get<std::string>() : v.dump();
          with_admin(runtime, res, true, 200, [&](PluginAdmin& a) { return a.configure(id, values); });
        });
  r.Delete(std::string("/api/v1/plugins/") + kId, [&runtime](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    bool purge = req.get_param_value("purge") == "true";
    with_admin(runtime, res, true, 200, [&](PluginAdmin& a) { return a.remove(id, purge); });
  });
}

}  // namespace trellis::plugins
