// Issue 15: scopes mean the same on every route. Every route the router holds
// (enumerated from the router, so a new route cannot escape) is asked with no
// key, a wrong key and a key of each scope; its guard's answer must be what its
// one declared rule (http/access_rules.cpp) says, and docs/admin.md's table
// must list exactly those rules.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "accounts/sessions.hpp"
#include "accounts/users.hpp"
#include "http/access_rules.hpp"
#include "lrs/credentials.hpp"
#include "http/registered_routes_fixture.hpp"
#include "xapi/timestamp.hpp"

using trellis::http::Access;

namespace {

// Who asks: the Authorization header each caller sends, or a console session.
struct Caller {
  std::string name;
  std::string authorization;  // "" sends none
  std::string session_token = "";  // the session cookie's value; "" sends none
  std::string csrf_token = "";  // sent as X-CSRF-Token with the session
};

// A console session of a new user of `role`.
Caller session_caller(trellis::store::Database& db, const std::string& role) {
  const std::string password = "access walk password";
  REQUIRE(trellis::accounts::add_user(db, {"walker-" + role, role, password, std::nullopt}, trellis::xapi::now_micros()));
  auto opened = trellis::accounts::log_in(db, "walker-" + role, password, trellis::xapi::now_micros());
  REQUIRE(opened);
  REQUIRE(opened->has_value());
  return {"a " + role + " session", "", (*opened)->token, (*opened)->csrf_token};
}

std::string basic(const std::string& key, const std::string& secret) {
  return httplib::make_basic_authentication_header(key, secret).second;
}

std::string key_header(trellis::store::Database& db, const std::vector<std::string>& scopes) {
  auto made = trellis::lrs::create_credentials(db, "walker", scopes);
  REQUIRE(made);
  return basic(made->key, made->secret);
}

// A path the pattern matches, each {name} an id every id rule accepts.
std::string concrete(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), "abc1");
}

// "allowed" when the guard let the request through to its handler, else the status it answered.
std::string guard_outcome(const trellis::http::Router& router, const trellis::http::Route& route,
                          const std::string& authorization, int caller_number, const Caller* session = nullptr) {
  trellis::http::Request req;
  req.method = route.method;
  req.path = concrete(route.pattern);
  req.target = req.path;
  // A fresh address per request: the walk's wrong keys must not be throttled (429).
  req.remote_addr = "10.15." + std::to_string(caller_number / 250) + "." + std::to_string(caller_number % 250);
  req.headers.set("Host", "127.0.0.1");
  req.headers.set("X-Experience-API-Version", "1.0.3");
  if (!authorization.empty()) req.headers.set("Authorization", authorization);
  if (session != nullptr && !session->session_token.empty()) {
    req.headers.set("Cookie", "theme=dark; trellis_session=" + session->session_token);
    req.headers.set("X-CSRF-Token", session->csrf_token);
  }
  auto match = router.match(req.method, req.path);
  if (match.route != &route) return "shadowed by another route";
  req.captures = match.captures;
  req.body_limit = route.body_limit;
  trellis::http::Response res;
  if (!route.guard || route.guard(req, res)) return "allowed";
  if (res.status == 401 && res.headers.get("WWW-Authenticate").empty()) return "401 without WWW-Authenticate";
  return std::to_string(res.status);
}

// What the declared rule expects of each caller: none, wrong, all, admin, both,
// then console sessions of an admin, a designer and a learner. A session holds
// its role's scopes (admin: both; designer: all; learner: none) on /api/v1;
// the xAPI resources are for LRS clients, which authenticate with keys only.
std::vector<std::string> expected_outcomes(Access access, const std::string& pattern) {
  bool xapi = pattern.rfind("/xapi/", 0) == 0;
  switch (access) {
    case Access::open: return {"allowed", "allowed", "allowed", "allowed", "allowed", "allowed", "allowed", "allowed"};
    case Access::all:
      if (xapi) return {"401", "401", "allowed", "403", "allowed", "401", "401", "401"};
      return {"401", "401", "allowed", "403", "allowed", "allowed", "allowed", "403"};
    case Access::admin: return {"401", "401", "403", "allowed", "allowed", "allowed", "403", "403"};
    case Access::key: return {"401", "401", "allowed", "allowed", "allowed", "allowed", "allowed", "403"};
    // Console pages: keys open none (the browser is sent to sign in); a session by its role.
    case Access::signed_in: return {"303", "303", "303", "303", "303", "allowed", "allowed", "allowed"};
    case Access::designer: return {"303", "303", "303", "303", "303", "allowed", "allowed", "403"};
    case Access::console_admin: return {"303", "303", "303", "303", "303", "allowed", "403", "403"};
  }
  return {};
}


std::string route_name(std::string_view method, std::string_view pattern) {
  return std::string(method) + " " + std::string(pattern);
}

// The rows of admin.md's route table: "| `METHOD[, METHOD...] PATTERN` | RULE |".
std::map<std::string, std::string> documented_rules() {
  std::ifstream in(std::string(TRELLIS_SOURCE_DIR) + "/docs/admin.md");
  REQUIRE(in);
  const std::regex row(
      R"(^\| `([A-Z, ]+) (/[^`]*)` \| (anyone|`all`|`admin`|any key|signed-in user|designer session|admin session) \|)");
  const std::map<std::string, std::string> names = {
      {"anyone", "open"},           {"`all`", "all"},          {"`admin`", "admin"},
      {"any key", "key"},           {"signed-in user", "signed-in"}, {"designer session", "designer"},
      {"admin session", "admin-session"}};
  std::map<std::string, std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    std::stringstream methods(m[1].str());
    std::string method;
    while (std::getline(methods, method, ',')) {
      method.erase(0, method.find_first_not_of(' '));
      out[route_name(method, m[2].str())] = names.at(m[3].str());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Every registered route answers no key and wrong keys and each scope as its declared rule says",
          "[http][access]") {
  trellis::testing::RegisteredRoutes walk;
  std::vector<Caller> callers = {{"no key", ""},
                                 {"a wrong key", ""},
                                 {"an all-scope key", key_header(walk.runtime->db, {"all"})},
                                 {"an admin-only key", key_header(walk.runtime->db, {"admin"})},
                                 {"a key with both scopes", key_header(walk.runtime->db, {"all", "admin"})},
                                 session_caller(walk.runtime->db, "admin"),
                                 session_caller(walk.runtime->db, "designer"),
                                 session_caller(walk.runtime->db, "learner")};
  REQUIRE(walk.router.routes().size() > 40);
  int asked = 0;
  for (const auto& route : walk.router.routes()) {
    INFO(route_name(route.method, route.pattern));
    auto access = trellis::http::declared_access(route.method, route.pattern);
    REQUIRE(access.has_value());  // a route without a declared rule escapes the policy
    auto expected = expected_outcomes(*access, route.pattern);
    for (size_t c = 0; c < callers.size(); ++c) {
      INFO("asked by " << callers[c].name << ", declared " << trellis::http::access_name(*access));
      ++asked;
      // A key nobody created, different each time (so no key's failures are throttled).
      std::string authorization =
          c == 1 ? basic("nokey" + std::to_string(asked), "not-the-secret") : callers[c].authorization;
      CHECK(guard_outcome(walk.router, route, authorization, asked, &callers[c]) == expected[c]);
    }
  }
}

TEST_CASE("Records export refuses an admin-only key as /xapi/statements does", "[http][access]") {
  trellis::testing::RegisteredRoutes walk;
  std::string admin_only = key_header(walk.runtime->db, {"admin"});
  std::string all = key_header(walk.runtime->db, {"all"});
  int asked = 1000;
  for (const char* pattern : {"/api/v1/records/export", "/xapi/statements"}) {
    INFO(pattern);
    auto match = walk.router.match("GET", pattern);
    REQUIRE(match.route != nullptr);
    CHECK(guard_outcome(walk.router, *match.route, admin_only, ++asked) == "403");
    CHECK(guard_outcome(walk.router, *match.route, all, ++asked) == "allowed");
  }
}

TEST_CASE("Every declared access rule names a registered route and docs/admin.md lists each one",
          "[http][access]") {
  trellis::testing::RegisteredRoutes walk;
  std::set<std::string> registered;
  for (const auto& route : walk.router.routes()) registered.insert(route_name(route.method, route.pattern));
  std::map<std::string, std::string> declared;
  for (const auto& rule : trellis::http::access_rules()) {
    INFO(route_name(rule.method, rule.pattern));
    CHECK(registered.count(route_name(rule.method, rule.pattern)) == 1);
    CHECK(declared.emplace(route_name(rule.method, rule.pattern), trellis::http::access_name(rule.access)).second);
  }
  auto documented = documented_rules();
  for (const auto& [route, rule] : declared) {
    INFO(route << " is declared " << rule);
    CHECK(documented.count(route) == 1);
    if (documented.count(route)) CHECK(documented.at(route) == rule);
  }
  for (const auto& [route, rule] : documented) {
    INFO(route << " is in docs/admin.md");
    CHECK(declared.count(route) == 1);
  }
}
