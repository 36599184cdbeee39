// Who may use the administration API over HTTP (plugins, package upload):
// holders of a key with the "admin" scope (`trellis lrs key create --scope
// admin`). Listening on 127.0.0.1 is no protection on a shared machine, so
// there is no unauthenticated mode. Other key-gated routes outside /xapi/
// (community discussions, scope "all") use the same gate.
//
// The gate runs as a route's Guard: once the request's head is read and before
// a byte of its body is, so strangers cannot make the server receive a body.
#pragma once

#include <string_view>

#include "app/runtime.hpp"
#include "http/server/router.hpp"
#include "lrs/credentials.hpp"

namespace trellis {

// What a group of routes asks of a caller's key.
struct ScopeGate {
  std::string_view scope;       // lrs::kScopeAdmin, lrs::kScopeXapi
  std::string_view scope_name;  // as the 403 names it: "admin", "'all'"
  std::string_view realm;       // of the 401's WWW-Authenticate
  std::string_view missing_key; // the 401's detail: which key to create
};

inline constexpr ScopeGate kAdminGate{lrs::kScopeAdmin, "admin", "trellis admin",
                                      "the administration API needs HTTP Basic credentials of a key with the admin "
                                      "scope (`trellis lrs key create --scope admin`)"};

// When the request's HTTP Basic key holds the gate's scope: stores the
// lrs::Principal in req.caller and returns true. Otherwise answers the request
// (401 without valid credentials, 403 without the scope) and returns false.
// For guards that check more than the key (an upload limit, say).
bool authorise(Runtime& runtime, const ScopeGate& gate, http::Request& req, http::Response& res);

// Who sends the request, for routes that anyone may call but that show a key
// holder more. No Authorization header: returns true, req.caller left empty.
// Valid credentials: stores the lrs::Principal in req.caller, returns true.
// Wrong credentials (or throttled): answers 401 (429) and returns false, so a
// mistyped key is told so rather than served as a stranger.
bool identify(Runtime& runtime, const ScopeGate& gate, http::Request& req, http::Response& res);

// authorise() as a route's guard.
http::Guard scope_guard(Runtime& runtime, ScopeGate gate);
http::Guard admin_guard(Runtime& runtime);

// The principal the route's guard stored; nullptr when the route has no such guard.
const lrs::Principal* caller_of(const http::Request& req);

}  // namespace trellis
