// Who may call each route: one declared rule per method and pattern. It is the
// API's access policy in one place: docs/admin.md shows it as a table, the
// OpenAPI document states it per operation (x-trellis-access), and a test
// (http/access_rules_test.cpp) walks every route the router holds, calls its
// guard with no key, a wrong key and a key of each scope, and holds the answer
// to the rule here. A route missing from this table fails that test, so a new
// route cannot escape the policy.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace trellis::http {

enum class Access {
  open,   // anyone, no key
  all,    // a key with the "all" scope: learning records, the LRS, discussions
  admin,  // a key with the "admin" scope: the administration API
  key,    // any valid key (what it then sees depends on it: jobs)
  // Console pages: a signed-in browser session whose role reaches the floor
  // (keys open no page; without a session the page sends the browser to sign in).
  signed_in,  // any role
  designer,   // designer or admin
  console_admin,  // admin
};

struct AccessRule {
  std::string_view method;
  std::string_view pattern;  // as registered on the router
  Access access;
};

// Every declared rule, in the order docs/admin.md lists them.
const std::vector<AccessRule>& access_rules();
// The rule declared for a route; nullopt when none is.
std::optional<Access> declared_access(std::string_view method, std::string_view pattern);
// "open", "all", "admin", "key", "signed-in", "designer", "admin-session": as the OpenAPI document and the docs name it.
std::string_view access_name(Access access);

}  // namespace trellis::http
