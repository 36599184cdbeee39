#include "http/content_routes.hpp"

#include <nlohmann/json.hpp>

#include "app/runtime_finder.hpp"
#include "catalog/content_files.hpp"
#include "http/asset_versions.hpp"
#include "http/content_types.hpp"
#include "http/launch_page.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"
#include "player/boot.hpp"
#include "player/commit.hpp"
#include "player/play_access.hpp"

namespace fs = std::filesystem;

namespace trellis {
namespace {

// A commit carries the whole data model; SCORM 2004's largest elements
// (suspend_data 64,000 characters, interactions) fit well within this.
constexpr uint64_t kCommitBody = 4 * 1024 * 1024;

void set_content_headers(http::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
}

// Every content route's guard: no credentials of the API are taken here (they
// would grant nothing, and refusing says so), then the token in capture(0).
http::Guard token_guard(Runtime& runtime) {
  return [&runtime](http::Request& req, http::Response& res) {
    set_content_headers(res);
    if (!req.header("Authorization").empty()) {
      http::send_problem(res, 400, "Bad Request", "the content origin takes no credentials; the launch token is the key");
      return false;
    }
    auto lease = runtime.pool.acquire();
    if (!lease) {
      http::send_error(res, lease.error());
      return false;
    }
    auto check = player::check_play_token(**lease, req.capture(0));
    if (check.error) {
      http::send_error(res, *check.error);
      return false;
    }
    if (check.refusal) {
      http::send_problem(res, check.refusal->status, check.refusal->status == 401 ? "Unauthorized" : "Forbidden",
                         check.refusal->message);
      return false;
    }
    req.caller = std::move(*check.access);
    return true;
  };
}

// A guard's own response is sent only when it refuses, so the handlers set the
// content headers again on theirs.
template <typename Fn>
http::Handler with_content_headers(Fn fn) {
  return [fn = std::move(fn)](http::Request& req, http::Response& res) {
    set_content_headers(res);
    fn(req, res);
  };
}

const player::PlayAccess& access_of(const http::Request& req) { return std::any_cast<const player::PlayAccess&>(req.caller); }

std::string current_title(const nlohmann::json& boot) {
  for (const auto& m : boot["tree"])
    if (m["identifier"] == boot["current"]) return m["title"].get<std::string>();
  return "Course";
}

void send_boot(Runtime& runtime, const AssetVersions& assets, const http::Request& req, http::Response& res,
               const std::optional<std::string>& module, bool as_page) {
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  auto boot = player::boot_document(**lease, access_of(req), module, runtime_finder(runtime));
  if (!boot) return http::send_error(res, boot.error());
  res.set_header("Cache-Control", "no-store");
  if (!as_page) return http::send_json(res, 200, boot->dump());
  res.set_header("Content-Security-Policy", kLaunchPagePolicy);
  res.set_body(launch_page_html(*boot, current_title(*boot), assets), "text/html; charset=utf-8");
}

void send_content_file(Runtime& runtime, const http::Request& req, http::Response& res) {
  const auto& reg = access_of(req).registration;
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  auto file = catalog::content_file(runtime.home, **lease, reg.course_id, reg.version, req.capture(1));
  if (!file) return http::send_error(res, file.error());
  if (!file->has_value()) return http::send_no_resource(res, req.path);
  res.set_header("Cache-Control", "private, max-age=300");
  res.set_file(**file, content_type_for(req.capture(1)));
}

void commit(Runtime& runtime, const http::Request& req, http::Response& res) {
  // sendBeacon can send only text/plain without a preflight: both carry the same JSON.
  auto type = req.media_type();
  if (type != "application/json" && type != "text/plain")
    return http::send_problem(res, 415, "Unsupported Media Type", "a commit is application/json or text/plain");
  auto answer = player::commit_attempt(runtime.pool, access_of(req), req.capture(1), req.body, runtime_finder(runtime));
  if (!answer) return http::send_error(res, answer.error());
  res.set_header("Cache-Control", "no-store");
  http::send_json(res, 200, answer->dump());
}

// Bundle files are plain names the build writes: no folders, no dot files.
bool is_asset_name(std::string_view name) {
  if (name.empty() || name.size() > 128 || name.front() == '.') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

}  // namespace

void register_content_routes(http::Router& router, Runtime& runtime, fs::path web_assets) {
  auto assets = std::make_shared<const AssetVersions>(web_assets);
  router.add(http::route("GET", "/play/{token}", with_content_headers([&runtime, assets](http::Request& req, http::Response& res) {
    send_boot(runtime, *assets, req, res, std::nullopt, true);
  }), token_guard(runtime)));
  router.add(http::route("GET", "/play/{token}/content/{path...}", with_content_headers([&runtime](http::Request& req, http::Response& res) {
    send_content_file(runtime, req, res);
  }), token_guard(runtime)));
  router.add(http::route("POST", "/play/{token}/modules/{module}/start", with_content_headers([&runtime, assets](http::Request& req, http::Response& res) {
    send_boot(runtime, *assets, req, res, req.capture(1), false);
  }), token_guard(runtime)));
  router.add(http::route("POST", "/play/{token}/attempts/{attempt}/commit", with_content_headers([&runtime](http::Request& req, http::Response& res) {
    commit(runtime, req, res);
  }), token_guard(runtime), http::BodyMode::memory, kCommitBody));
  router.add(http::route("GET", "/assets/{name}", [web_assets, assets](http::Request& req, http::Response& res) {
    set_content_headers(res);
    const std::string& name = req.capture(0);
    std::error_code ec;
    fs::path file = web_assets / name;
    if (!is_asset_name(name) || !fs::is_regular_file(fs::symlink_status(file, ec))) return http::send_no_resource(res, req.path);
    // A versioned URL names these exact bytes: no need to ask again.
    res.set_header("Cache-Control", assets->cache_control(name, req.query_value("v")));
    res.set_file(file, content_type_for(name));
  }));
}

}  // namespace trellis
