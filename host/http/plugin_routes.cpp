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

#include "json/bounded_parse.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>

#include "http/admin_gate.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"
#include "plugins/admin.hpp"
#include "plugins/probe.hpp"

namespace trellis::plugins {
namespace {

constexpr const char* kAllowUnsignedParameter =
    "add ?allow_unsigned=true (a .zip body) or \"allow_unsigned\": true (a JSON body)";

using Json = nlohmann::json;

// A plugin .zip (shared libraries and their data) is streamed to disk up to this;
// any other body is a small JSON document.
constexpr uint64_t kPluginZip = 256ull * 1024 * 1024;
constexpr uint64_t kJsonBody = 1024 * 1024;

std::mutex g_admin_mutex;  // one admin change at a time

// Runs `action` with an admin over the current plugins, in the name of the key
// the route's guard accepted; `changes` reloads after.
void with_admin(Runtime& runtime, const http::Request& req, http::Response& res, bool changes, int ok_status,
                const std::function<Result<Json>(PluginAdmin&)>& action) {
  const lrs::Principal* caller = caller_of(req);
  std::string actor = caller ? caller->name : "http";
  std::unique_lock lock(g_admin_mutex, std::defer_lock);
  if (changes) lock.lock();
  auto manager = runtime.plugins();
  if (!manager) return http::send_error(res, manager.error());
  auto db = runtime.pool.acquire();
  if (!db) return http::send_error(res, db.error());
  PluginAdmin admin(runtime.home, **db, *manager.value(), probe_executable(), "http:" + actor);
  auto result = action(admin);
  if (!result) return http::send_error(res, result.error());
  if (changes)
    if (auto reloaded = runtime.reload_plugins(); !reloaded) return http::send_error(res, reloaded.error());
  http::send_json(res, ok_status, result->dump(-1, ' ', false, Json::error_handler_t::replace));
}

bool is_zip_body(const http::Request& req) { return req.media_type() == "application/zip"; }

Result<std::string> read_body_file(const http::Request& req) {
  if (req.body_file.empty() || req.body_size == 0) return std::string();
  std::ifstream in(req.body_file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return make_error(ErrorKind::environment, "cannot read the request body");
  return text;
}

// The plugin a request names: a .zip body (the file the server stored it in,
// removed after the handler), or a server-side path in a JSON body.
struct Source {
  std::filesystem::path path;
  bool allow_unsigned = false;
};

Result<Source> read_source(const http::Request& req) {
  Source out;
  out.allow_unsigned = req.query_or("allow_unsigned", "") == "true";
  if (is_zip_body(req)) {
    if (req.body_file.empty() || req.body_size == 0)
      return make_error(ErrorKind::invalid_input, "the uploaded plugin .zip is empty");
    out.path = req.body_file;
    return out;
  }
  auto text = read_body_file(req);
  if (!text) return text.error();
  auto parsed = parse_json(*text);
  if (!parsed) return parsed.error();
  auto j = std::move(parsed).value();
  if (!j.is_object() || !j.contains("path") || !j["path"].is_string())
    return make_error(ErrorKind::invalid_input,
                      "send the plugin as an application/zip body, or JSON {\"path\": \"<folder or .zip on the server>\"}");
  out.path = j["path"].get<std::string>();
  out.allow_unsigned = out.allow_unsigned || j.value("allow_unsigned", false);
  return out;
}

// Every plugin route is for admins only (settings may hold other systems'
// secrets), and the check comes before the body is received or stored.
http::Guard admin_only(Runtime& runtime) { return admin_guard(runtime); }
http::Guard admin_for_id(Runtime& runtime) { return http::id_guard(&http::is_plugin_id, admin_guard(runtime)); }

// Routes taking a plugin source: a .zip may be large (streamed to disk, kPluginZip),
// anything else is JSON and held to kJsonBody.
http::Guard source_guard(http::Guard inner) {
  return [inner = std::move(inner)](http::Request& req, http::Response& res) {
    if (!inner(req, res)) return false;
    if (!is_zip_body(req)) req.body_limit = std::min<uint64_t>(req.body_limit, kJsonBody);
    return true;
  };
}

using Action = std::function<Result<Json>(PluginAdmin&, const Source&)>;

// A handler that reads the source, then runs `action` (changes reload the plugins).
http::Handler with_source(Runtime& runtime, bool changes, int ok_status, Action action) {
  return [&runtime, changes, ok_status, action = std::move(action)](http::Request& req, http::Response& res) {
    auto src = read_source(req);
    if (!src) return http::send_error(res, src.error());
    with_admin(runtime, req, res, changes, ok_status, [&](PluginAdmin& a) { return action(a, *src); });
  };
}

// POST /api/v1/plugins/{id}/VERB for the verbs without a body.
http::Handler toggle(Runtime& runtime, std::string verb) {
  return [&runtime, verb = std::move(verb)](http::Request& req, http::Response& res) {
    std::string id = req.capture(0);
    with_admin(runtime, req, res, true, 200, [&](PluginAdmin& a) {
      return verb == "rollback" ? a.rollback(id) : a.set_enabled(id, verb == "enable");
    });
  };
}

}  // namespace

void register_plugin_routes(http::Router& router, Runtime& runtime) {
  const std::string one = "/api/v1/plugins/{id}";
  router.add(http::route("GET", "/api/v1/plugins",
              [&runtime](http::Request& req, http::Response& res) {
                with_admin(runtime, req, res, false, 200, [](PluginAdmin& a) { return a.list(); });
              },
              admin_only(runtime)));
  // Before {id}: "check" is no plugin id here.
  router.add(http::route("POST", "/api/v1/plugins/check",
              with_source(runtime, false, 200, [](PluginAdmin& a, const Source& src) { return a.check(src.path); }),
              source_guard(admin_only(runtime)), http::BodyMode::file, kPluginZip));
  router.add(http::route("POST", "/api/v1/plugins", with_source(runtime, true, 201, [](PluginAdmin& a, const Source& src) {
                return a.install(src.path, {src.allow_unsigned, false, {}, kAllowUnsignedParameter});
              }),
              source_guard(admin_only(runtime)), http::BodyMode::file, kPluginZip));
  router.add(http::route("GET", one,
              [&runtime](http::Request& req, http::Response& res) {
                std::string id = req.capture(0);
                with_admin(runtime, req, res, false, 200, [&](PluginAdmin& a) { return a.info(id); });
              },
              admin_for_id(runtime)));
  router.add(http::route("POST", one + "/upgrade",
              [&runtime](http::Request& req, http::Response& res) {
                std::string id = req.capture(0);
                with_source(runtime, true, 200, [id](PluginAdmin& a, const Source& src) {
                  return a.install(src.path, {src.allow_unsigned, true, id, kAllowUnsignedParameter});
                })(req, res);
              },
              source_guard(admin_for_id(runtime)), http::BodyMode::file, kPluginZip));
  for (const char* verb : {"rollback", "enable", "disable"})
    router.add(http::route("POST", one + "/" + verb, toggle(runtime, verb), admin_for_id(runtime)));
  // {"KEY": "VALUE", ...}: a small JSON document.
  router.add(http::route("PUT", one + "/settings",
              [&runtime](http::Request& req, http::Response& res) {
                std::string id = req.capture(0);
                auto parsed = parse_json(req.body);
                if (!parsed) return http::send_error(res, parsed.error());
                auto j = std::move(parsed).value();
                std::map<std::string, std::string> values;
                if (!j.is_object() || j.empty())
                  return http::send_error(res,
                                          make_error(ErrorKind::invalid_input, "send a JSON object {\"KEY\": \"VALUE\"}"));
                for (const auto& [k, v] : j.items()) values[k] = v.is_string() ? v.get<std::string>() : v.dump();
                with_admin(runtime, req, res, true, 200, [&](PluginAdmin& a) { return a.configure(id, values); });
              },
              admin_for_id(runtime), http::BodyMode::memory, kJsonBody));
  router.add(http::route("DELETE", one,
              [&runtime](http::Request& req, http::Response& res) {
                std::string id = req.capture(0);
                bool purge = req.query_or("purge", "") == "true";
                with_admin(runtime, req, res, true, 200, [&](PluginAdmin& a) { return a.remove(id, purge); });
              },
              admin_for_id(runtime)));
}

}  // namespace trellis::plugins
