#include "http/access_rules.hpp"

#include <string>

namespace trellis::http {
namespace {

// The xAPI resources (http/lrs/lrs_routes.cpp): every method needs a key with
// the "all" scope except /xapi/about (open, as the spec has it); the CORS
// preflight carries no key, so OPTIONS is open on each.
constexpr std::string_view kXapiResources[] = {
    "/xapi/statements",    "/xapi/activities/state", "/xapi/activities/profile", "/xapi/agents/profile",
    "/xapi/activities",    "/xapi/agents",           "/xapi/about"};

std::vector<AccessRule> make_rules() {
  std::vector<AccessRule> rules = {
      // The host, the API's own description, the catalog's and the index's reads.
      {"GET", "/healthz", Access::open},
      {"GET", "/api/v1", Access::open},
      {"GET", "/api/v1/openapi.json", Access::open},
      {"GET", "/api/v1/version", Access::open},
      {"GET", "/api/v1/courses", Access::open},
      {"GET", "/api/v1/courses/{id}", Access::open},
      {"GET", "/api/v1/modules/{id}", Access::open},
      {"GET", "/api/v1/modules/{id}/links", Access::open},
      {"GET", "/api/v1/search", Access::open},
      {"GET", "/api/v1/knowledge/documents/{source}/{ref}", Access::open},
      // Learning records and what becomes learning records: the LRS's keys.
      {"GET", "/api/v1/records/export", Access::all},
      {"POST", "/api/v1/records/exports", Access::all},
      {"GET", "/api/v1/records/exports/{id}", Access::all},
      {"GET", "/api/v1/modules/{id}/discussions", Access::all},
      {"POST", "/api/v1/modules/{id}/discussions", Access::all},
      {"GET", "/api/v1/threads/{id}", Access::all},
      {"POST", "/api/v1/threads/{id}/posts", Access::all},
      {"POST", "/api/v1/threads/{id}/accept", Access::all},
      {"PATCH", "/api/v1/posts/{id}", Access::all},
      // Jobs: any key sees its own, an admin key every one.
      {"GET", "/api/v1/jobs", Access::key},
      {"GET", "/api/v1/jobs/{id}", Access::key},
      {"GET", "/api/v1/jobs/{id}/events", Access::key},
      {"DELETE", "/api/v1/jobs/{id}", Access::key},
      // Administration.
      {"POST", "/api/v1/packages", Access::admin},
      {"DELETE", "/api/v1/courses/{id}", Access::admin},
      {"POST", "/api/v1/modules/{id}/links", Access::admin},
      {"DELETE", "/api/v1/modules/{id}/links", Access::admin},
      {"POST", "/api/v1/modules/{id}/publish", Access::admin},
      {"GET", "/api/v1/modules/{id}/suggestions", Access::admin},
      {"GET", "/api/v1/connectors", Access::admin},
      {"POST", "/api/v1/connectors/{id}/sync", Access::admin},
      {"POST", "/api/v1/learners", Access::admin},
      {"GET", "/api/v1/learners", Access::admin},
      {"GET", "/api/v1/learners/{id}", Access::admin},
      {"POST", "/api/v1/registrations", Access::admin},
      {"GET", "/api/v1/registrations", Access::admin},
      {"GET", "/api/v1/registrations/{id}", Access::admin},
      {"POST", "/api/v1/registrations/{id}/launch", Access::admin},
      {"POST", "/api/v1/registrations/{id}/waive", Access::admin},
      // The console's sign-in: open routes whose handlers check the session,
      // its CSRF token and the request's origin themselves.
      {"GET", "/console/login", Access::open},
      {"POST", "/console/login", Access::open},
      {"POST", "/console/logout", Access::open},
      {"POST", "/console/logout-everywhere", Access::open},
      {"GET", "/console/invite/{token}", Access::open},
      {"POST", "/console/invite/{token}", Access::open},
      {"GET", "/console/assets/{name}", Access::open},
      {"GET", "/api/v1/session", Access::open},
      // The learner's pages (every role has them): the guard sends a browser
      // without a session to sign in; forms also need the CSRF token.
      {"GET", "/console/", Access::signed_in},
      {"GET", "/console/courses", Access::signed_in},
      {"GET", "/console/courses/{id}", Access::signed_in},
      {"POST", "/console/courses/{id}/launch", Access::signed_in},
      {"POST", "/console/modules/{id}/threads", Access::signed_in},
      {"GET", "/console/threads/{id}", Access::signed_in},
      {"POST", "/console/threads/{id}/posts", Access::signed_in},
      {"GET", "/console/search", Access::signed_in},
      // cmi5 fetch URLs: the one-time token in the path is the key.
      {"POST", "/xapi-launch/fetch/{token}", Access::open},
      {"OPTIONS", "/xapi-launch/fetch/{token}", Access::open},
      {"GET", "/api/v1/plugins", Access::admin},
      {"POST", "/api/v1/plugins", Access::admin},
      {"POST", "/api/v1/plugins/check", Access::admin},
      {"GET", "/api/v1/plugins/{id}", Access::admin},
      {"DELETE", "/api/v1/plugins/{id}", Access::admin},
      {"POST", "/api/v1/plugins/{id}/upgrade", Access::admin},
      {"POST", "/api/v1/plugins/{id}/rollback", Access::admin},
      {"POST", "/api/v1/plugins/{id}/enable", Access::admin},
      {"POST", "/api/v1/plugins/{id}/disable", Access::admin},
      {"PUT", "/api/v1/plugins/{id}/settings", Access::admin},
  };
  for (std::string_view resource : kXapiResources) {
    Access needs = resource == "/xapi/about" ? Access::open : Access::all;
    for (std::string_view method : {"GET", "POST", "PUT", "DELETE"}) rules.push_back({method, resource, needs});
    rules.push_back({"OPTIONS", resource, Access::open});
  }
  return rules;
}

}  // namespace

const std::vector<AccessRule>& access_rules() {
  static const std::vector<AccessRule> rules = make_rules();
  return rules;
}

std::optional<Access> declared_access(std::string_view method, std::string_view pattern) {
  for (const auto& rule : access_rules())
    if (rule.method == method && rule.pattern == pattern) return rule.access;
  return std::nullopt;
}

std::string_view access_name(Access access) {
  switch (access) {
    case Access::open: return "open";
    case Access::all: return "all";
    case Access::admin: return "admin";
    case Access::key: return "key";
    case Access::signed_in: return "signed-in";
    case Access::designer: return "designer";
    case Access::console_admin: return "admin-session";
  }
  return "open";
}

}  // namespace trellis::http
