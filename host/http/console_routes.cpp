#include "http/console_routes.hpp"

#include <memory>

#include <nlohmann/json.hpp>

#include "accounts/sessions.hpp"
#include "accounts/users.hpp"
#include "http/asset_versions.hpp"
#include "http/console_pages.hpp"
#include "http/console_reply.hpp"
#include "http/learner_routes.hpp"
#include "http/console_session.hpp"
#include "http/content_types.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"
#include "xapi/timestamp.hpp"

namespace fs = std::filesystem;

namespace trellis {
namespace {

// A sign-in or password form: two fields of at most 1,024 bytes, encoded.
constexpr uint64_t kFormBody = 8 * 1024;

void log_in(Runtime& runtime, const AssetVersions& assets, http::Request& req, http::Response& res) {
  if (!is_form(req))
    return http::send_problem(res, 415, "Unsupported Media Type", "sign in with the form: application/x-www-form-urlencoded");
  // A sign-in posted from another site would log the browser into the attacker's account.
  if (!same_origin_request(req))
    return http::send_problem(res, 403, "Forbidden", "sign-in forms are accepted only from this host's own page");
  auto form = http::parse_query(req.body);
  std::string name = form_field(form, "name");
  std::string password = form_field(form, "password");
  if (name.empty() || password.empty())
    return send_page(res, 400, login_page(assets, name, "Enter your user name and your password."));
  if (name.size() > 128 || password.size() > 1024)
    return send_page(res, 400, login_page(assets, "", "A user name is at most 128 characters and a password at most 1,024."));
  auto now = accounts::LoginThrottle::Clock::now();
  if (int wait = runtime.login_throttle.wait_seconds(name, req.remote_addr, now); wait > 0) {
    res.set_header("Retry-After", std::to_string(wait));
    return send_page(res, 429, login_page(assets, name, "Too many failed sign-ins. Try again in " +
                                                            std::to_string((wait + 59) / 60) + " minute(s)."));
  }
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  auto opened = accounts::log_in(**lease, name, password, xapi::now_micros());
  if (!opened) return http::send_error(res, opened.error());
  if (!opened->has_value()) {
    runtime.login_throttle.failed(name, req.remote_addr, now);
    return send_page(res, 401, login_page(assets, name, "That user name and password do not match an account."));
  }
  runtime.login_throttle.succeeded(name);
  res.set_header("Set-Cookie", session_cookie((*opened)->token, req.secure));
  redirect(res, "/console/");
}

// Sign-out needs the session's CSRF token too: otherwise any site could sign a user out.
void log_out(Runtime& runtime, http::Request& req, http::Response& res, bool everywhere) {
  auto found = session_of(runtime, req);
  if (found.error) return http::send_error(res, *found.error);
  if (!found.session) {
    res.set_header("Set-Cookie", cleared_session_cookie(req.secure));
    return redirect(res, "/console/login");
  }
  auto form = is_form(req) ? http::parse_query(req.body) : std::multimap<std::string, std::string>{};
  if (!csrf_allows(req, *found.session, form_field(form, "csrf")))
    return http::send_problem(res, 403, "Forbidden", "signing out needs the console page's CSRF token");
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  if (everywhere) {
    auto ended = accounts::log_out_everywhere(**lease, found.session->user_name);
    if (!ended) return http::send_error(res, ended.error());
  } else if (auto st = accounts::log_out(**lease, *req.cookie(kSessionCookie)); !st) {
    return http::send_error(res, st.error());
  }
  res.set_header("Set-Cookie", cleared_session_cookie(req.secure));
  redirect(res, "/console/login");
}

void accept_invite(Runtime& runtime, const AssetVersions& assets, http::Request& req, http::Response& res) {
  const std::string& token = req.capture(0);
  if (!is_form(req))
    return http::send_problem(res, 415, "Unsupported Media Type", "choose the password with the form");
  if (!same_origin_request(req))
    return http::send_problem(res, 403, "Forbidden", "invitation forms are accepted only from this host's own page");
  std::string password = form_field(http::parse_query(req.body), "password");
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  auto user = accounts::accept_invite(**lease, token, password, xapi::now_micros());
  if (!user) {
    bool gone = user.error().kind == ErrorKind::not_found;
    return send_page(res, gone ? 404 : 400, invite_page(assets, token, user.error().message));
  }
  auto opened = accounts::open_session(**lease, *user, xapi::now_micros());
  if (!opened) return http::send_error(res, opened.error());
  res.set_header("Set-Cookie", session_cookie(opened->token, req.secure));
  redirect(res, "/console/");
}

void show_session(Runtime& runtime, const http::Request& req, http::Response& res) {
  auto found = session_of(runtime, req);
  if (found.error) return http::send_error(res, *found.error);
  res.set_header("Cache-Control", "no-store");
  if (!found.session) return http::send_json(res, 200, nlohmann::json{{"signed_in", false}}.dump());
  const auto& s = *found.session;
  http::send_json(res, 200,
                  nlohmann::json{{"signed_in", true},
                                 {"user", s.user_name},
                                 {"role", s.role},
                                 {"csrf_token", s.csrf_token},
                                 {"expires_at", xapi::display_timestamp(s.expires_at)}}
                      .dump());
}

}  // namespace

void register_console_routes(http::Router& router, Runtime& runtime, fs::path web_assets,
                             std::optional<std::string> content_origin) {
  auto assets = std::make_shared<const AssetVersions>(web_assets, "/console/assets/");
  register_learner_routes(router, runtime, assets, std::move(content_origin));
  router.add(http::route("GET", "/console/login", [assets](http::Request&, http::Response& res) {
    send_page(res, 200, login_page(*assets, "", std::nullopt));
  }));
  router.add(http::route("POST", "/console/login", [&runtime, assets](http::Request& req, http::Response& res) {
    log_in(runtime, *assets, req, res);
  }, {}, http::BodyMode::memory, kFormBody));
  router.add(http::route("POST", "/console/logout", [&runtime](http::Request& req, http::Response& res) {
    log_out(runtime, req, res, false);
  }, {}, http::BodyMode::memory, kFormBody));
  router.add(http::route("POST", "/console/logout-everywhere", [&runtime](http::Request& req, http::Response& res) {
    log_out(runtime, req, res, true);
  }, {}, http::BodyMode::memory, kFormBody));
  router.add(http::route("GET", "/console/invite/{token}", [assets](http::Request& req, http::Response& res) {
    send_page(res, 200, invite_page(*assets, req.capture(0), std::nullopt));
  }));
  router.add(http::route("POST", "/console/invite/{token}", [&runtime, assets](http::Request& req, http::Response& res) {
    accept_invite(runtime, *assets, req, res);
  }, {}, http::BodyMode::memory, kFormBody));
  router.add(http::route("GET", "/console/assets/{name}", [web_assets, assets](http::Request& req, http::Response& res) {
    const std::string& name = req.capture(0);
    std::error_code ec;
    fs::path file = web_assets / name;
    if ((name != "console.css" && name != "console.js") || !fs::is_regular_file(fs::symlink_status(file, ec))) return http::send_no_resource(res, req.path);
    res.set_header("X-Content-Type-Options", "nosniff");
    // A versioned URL names these exact bytes: no need to ask again.
    res.set_header("Cache-Control", assets->cache_control(name, req.query_value("v")));
    res.set_file(file, content_type_for(name));
  }));
  router.add(http::route("GET", "/api/v1/session", [&runtime](http::Request& req, http::Response& res) {
    show_session(runtime, req, res);
  }));
}

}  // namespace trellis
