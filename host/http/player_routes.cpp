#include "http/player_routes.hpp"

#include <nlohmann/json.hpp>

#include "core/utf8.hpp"
#include "http/admin_gate.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"
#include "json/bounded_parse.hpp"
#include "app/runtime_finder.hpp"
#include "player/content_origin.hpp"
#include "player/launch_token.hpp"
#include "player/launch.hpp"
#include "player/learners.hpp"
#include "player/registration_status.hpp"
#include "player/registrations.hpp"
#include "player/waive.hpp"
#include "player/xapi_launch.hpp"

namespace trellis {
namespace {

using json = nlohmann::json;

// Learner ids also hold '.', '@' (an e-mail-like login); anything else is no resource.
bool is_learner_id(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-' || c == '@'))
      return false;
  return true;
}

Result<json> body_object(const http::Request& req, bool empty_is_object) {
  if (req.body.empty() && empty_is_object) return json::object();
  if (!is_valid_utf8(req.body)) return make_error(ErrorKind::invalid_input, "the request body is not valid UTF-8");
  auto parsed = parse_json(req.body);
  if (!parsed) return parsed.error();
  if (!parsed->is_object()) return make_error(ErrorKind::usage, "the request body must be a JSON object");
  return std::move(parsed).value();
}

Result<std::optional<std::string>> text_member(const json& body, const char* name, bool required) {
  if (!body.contains(name) || body[name].is_null()) {
    if (required) return make_error(ErrorKind::invalid_input, std::string("'") + name + "' is required");
    return std::optional<std::string>{};
  }
  if (!body[name].is_string()) return make_error(ErrorKind::invalid_input, std::string("'") + name + "' must be a string");
  return std::optional<std::string>{body[name].get<std::string>()};
}

// Runs `fn` on a pooled connection; its error becomes a problem answer.
template <typename Fn>
void with_db(Runtime& runtime, http::Response& res, Fn fn) {
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  fn(**lease);
}

void add_learner_routes(http::Router& router, Runtime& runtime) {
  router.add(http::route("POST", "/api/v1/learners", [&runtime](http::Request& req, http::Response& res) {
    auto body = body_object(req, false);
    if (!body) return http::send_error(res, body.error());
    auto id = text_member(*body, "id", true);
    if (!id) return http::send_error(res, id.error());
    auto name = text_member(*body, "name", true);
    if (!name) return http::send_error(res, name.error());
    auto email = text_member(*body, "email", false);
    if (!email) return http::send_error(res, email.error());
    with_db(runtime, res, [&](store::Database& db) {
      auto learner = player::add_learner(db, {**id, **name, *email});
      if (!learner) return http::send_error(res, learner.error());
      http::send_json(res, 201, player::learner_json(*learner).dump());
    });
  }, admin_guard(runtime)));
  router.add(http::route("GET", "/api/v1/learners", [&runtime](http::Request&, http::Response& res) {
    with_db(runtime, res, [&](store::Database& db) {
      auto learners = player::list_learners(db);
      if (!learners) return http::send_error(res, learners.error());
      json out = {{"learners", json::array()}};
      for (const auto& l : *learners) out["learners"].push_back(player::learner_json(l));
      http::send_json(res, 200, out.dump());
    });
  }, admin_guard(runtime)));
  router.add(http::route("GET", "/api/v1/learners/{id}", [&runtime](http::Request& req, http::Response& res) {
    with_db(runtime, res, [&](store::Database& db) {
      auto learner = player::get_learner(db, req.capture(0));
      if (!learner) return http::send_error(res, learner.error());
      http::send_json(res, 200, player::learner_json(*learner).dump());
    });
  }, http::id_guard(&is_learner_id, admin_guard(runtime))));
}

void add_registration_routes(http::Router& router, Runtime& runtime, std::optional<std::string> content_origin) {
  router.add(http::route("POST", "/api/v1/registrations", [&runtime](http::Request& req, http::Response& res) {
    auto body = body_object(req, false);
    if (!body) return http::send_error(res, body.error());
    auto course = text_member(*body, "course_id", true);
    if (!course) return http::send_error(res, course.error());
    auto learner = text_member(*body, "learner", true);
    if (!learner) return http::send_error(res, learner.error());
    with_db(runtime, res, [&](store::Database& db) {
      auto made = player::create_registration(db, **course, **learner);
      if (!made) return http::send_error(res, made.error());
      json out = player::registration_json(made->registration);
      out["created"] = made->created;
      http::send_json(res, made->created ? 201 : 200, out.dump());
    });
  }, admin_guard(runtime)));
  router.add(http::route("GET", "/api/v1/registrations", [&runtime](http::Request&, http::Response& res) {
    with_db(runtime, res, [&](store::Database& db) {
      auto regs = player::list_registrations(db);
      if (!regs) return http::send_error(res, regs.error());
      json out = {{"registrations", json::array()}};
      for (const auto& r : *regs) out["registrations"].push_back(player::registration_json(r));
      http::send_json(res, 200, out.dump());
    });
  }, admin_guard(runtime)));
  router.add(http::route("GET", "/api/v1/registrations/{id}", [&runtime](http::Request& req, http::Response& res) {
    with_db(runtime, res, [&](store::Database& db) {
      auto status = player::registration_status(db, req.capture(0));
      if (!status) return http::send_error(res, status.error());
      http::send_json(res, 200, status->dump());
    });
  }, http::id_guard(&http::is_slug, admin_guard(runtime))));
  router.add(http::route("POST", "/api/v1/registrations/{id}/launch",
                         [&runtime, content_origin](http::Request& req, http::Response& res) {
    auto body = body_object(req, true);
    if (!body) return http::send_error(res, body.error());
    auto module = text_member(*body, "module", false);
    if (!module) return http::send_error(res, module.error());
    auto mode = text_member(*body, "mode", false);
    if (!mode) return http::send_error(res, mode.error());
    with_db(runtime, res, [&](store::Database& db) {
      auto origin = player::launch_origin(runtime.home, db, content_origin);
      if (!origin) return http::send_error(res, origin.error());
      player::LaunchOrigins origins{*origin, [&runtime, &db] { return player::lrs_origin(runtime.home, db); }};
      auto ticket = player::issue_launch(db, req.capture(0), *module, mode->value_or("Normal"), origins,
                                         runtime_finder(runtime));
      if (!ticket) return http::send_error(res, ticket.error());
      http::send_json(res, 201, player::ticket_json(*ticket).dump());
    });
  }, http::id_guard(&http::is_slug, admin_guard(runtime))));
}

void add_waive_route(http::Router& router, Runtime& runtime) {
  router.add(http::route("POST", "/api/v1/registrations/{id}/waive", [&runtime](http::Request& req, http::Response& res) {
    auto body = body_object(req, false);
    if (!body) return http::send_error(res, body.error());
    auto module = text_member(*body, "module", true);
    if (!module) return http::send_error(res, module.error());
    auto reason = text_member(*body, "reason", true);
    if (!reason) return http::send_error(res, reason.error());
    with_db(runtime, res, [&](store::Database& db) {
      auto waived = player::waive_module(db, req.capture(0), **module, **reason);
      if (!waived) return http::send_error(res, waived.error());
      http::send_json(res, 201, waived->dump());
    });
  }, http::id_guard(&http::is_slug, admin_guard(runtime))));
}

void set_fetch_headers(http::Response& res) {
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
  res.set_header("Access-Control-Allow-Headers", "Content-Type");
  res.set_header("Cache-Control", "no-store");
}

void send_fetch_refusal(http::Response& res, const char* code, const std::string& text) {
  http::send_json(res, 200, json{{"error-code", code}, {"error-text", text}}.dump());
}

// cmi5 8.2: the AU, running on the content origin, POSTs its fetch URL once
// for its LRS credential. Open (the token in the path is the key), answered
// to any origin, never cached; every refusal is the JSON cmi5 defines.
void add_fetch_routes(http::Router& router, Runtime& runtime) {
  router.add(http::route("OPTIONS", "/xapi-launch/fetch/{token}", [](http::Request&, http::Response& res) {
    set_fetch_headers(res);
    res.status = 204;
  }));
  router.add(http::route("POST", "/xapi-launch/fetch/{token}", [&runtime](http::Request& req, http::Response& res) {
    set_fetch_headers(res);
    if (!player::looks_like_token(req.capture(0))) return send_fetch_refusal(res, "1", "this is no fetch URL of this LMS");
    auto lease = runtime.pool.acquire_writer();
    if (!lease) return send_fetch_refusal(res, "3", lease.error().message);
    auto answer = player::redeem_fetch(**lease, req.capture(0));
    if (!answer) return send_fetch_refusal(res, "3", answer.error().message);
    http::send_json(res, 200, answer->dump());
  }));
}

}  // namespace

void register_player_routes(http::Router& router, Runtime& runtime, std::optional<std::string> content_origin) {
  add_learner_routes(router, runtime);
  add_registration_routes(router, runtime, std::move(content_origin));
  add_waive_route(router, runtime);
  add_fetch_routes(router, runtime);
}

}  // namespace trellis
