// Who may use the administration API over HTTP (plugins, package upload):
// holders of a key with the "admin" scope (`trellis lrs key create --scope
// admin`). Listening on 127.0.0.1 is no protection on a shared machine, so
// there is no unauthenticated mode. Other key-gated routes outside /xapi/
// (community discussions, scope "all") use the same gate.
#pragma once

#include <optional>
#include <string_view>

#include "app/runtime.hpp"
#include "lrs/credentials.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace trellis {

// What a group of routes asks of a caller's key.
struct ScopeGate {
  std::string_view scope;       // lrs::kScopeAdmin, lrs::kScopeXapi
  std::string_view scope_name;  // as the 403 names it: "admin", "'all'"
  std::string_view realm;       // of the 401's WWW-Authenticate
  std::string_view missing_key; // the 401's detail: which key to create
};

// The caller when its HTTP Basic key holds the gate's scope. Otherwise answers
// the request itself (401 without valid credentials, 403 without the scope)
// and returns nullopt: the handler then simply returns.
std::optional<lrs::Principal> require_scope(Runtime& runtime, const httplib::Request& req, httplib::Response& res,
                                            const ScopeGate& gate);

// The caller when its HTTP Basic key holds the admin scope. Otherwise answers
// the request itself (401 without valid credentials, 403 without the scope)
// and returns nullopt: the handler then simply returns.
std::optional<lrs::Principal> require_admin(Runtime& runtime, const httplib::Request& req, httplib::Response& res);

}  // namespace trellis
