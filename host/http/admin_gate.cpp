#include "http/admin_gate.hpp"

#include <optional>

#include "http/console_session.hpp"
#include "http/problem.hpp"
#include "lrs/credential_check.hpp"

namespace trellis {
namespace {

// A browser's console session in place of a key: its user with the role's
// scopes, once a state-changing request has shown it comes from the console.
std::optional<lrs::Principal> session_caller(Runtime& runtime, const ScopeGate& gate, const http::Request& req,
                                             http::Response& res) {
  auto found = session_of(runtime, req);
  if (found.error) {
    http::send_error(res, *found.error);
    return std::nullopt;
  }
  if (!found.session) {
    res.set_header("WWW-Authenticate", "Basic realm=\"" + std::string(gate.realm) + "\"");
    http::send_problem(res, 401, "Unauthorized", "the console session has ended; sign in again at /console/login");
    return std::nullopt;
  }
  if (changes_state(req.method) && !csrf_allows(req, *found.session)) {
    http::send_problem(res, 403, "Forbidden",
                       "a request of a signed-in browser that changes something must come from the console's own "
                       "pages and carry its CSRF token in X-CSRF-Token");
    return std::nullopt;
  }
  return session_principal(*found.session);
}

// The key the request's credentials name, checked; nullopt once the request is answered.
std::optional<lrs::Principal> verified_caller(Runtime& runtime, const ScopeGate& gate, http::Request& req,
                                              http::Response& res) {
  if (req.header("Authorization").empty() && req.cookie(kSessionCookie)) return session_caller(runtime, gate, req, res);
  auto lease = runtime.pool.acquire();
  if (!lease) {
    http::send_error(res, lease.error());
    return std::nullopt;
  }
  auto checked = lrs::credential_checker().check(**lease, req.header("Authorization"), req.remote_addr);
  if (!checked) {
    http::send_error(res, checked.error());
    return std::nullopt;
  }
  if (auto* throttled = std::get_if<lrs::Throttled>(&*checked)) {
    http::send_throttled(res, throttled->retry_after_seconds);
    return std::nullopt;
  }
  auto* principal = std::get_if<lrs::Principal>(&*checked);
  if (!principal) {
    res.set_header("WWW-Authenticate", "Basic realm=\"" + std::string(gate.realm) + "\"");
    http::send_problem(res, 401, "Unauthorized", gate.missing_key);
    return std::nullopt;
  }
  return std::move(*principal);
}

}  // namespace

bool authorise(Runtime& runtime, const ScopeGate& gate, http::Request& req, http::Response& res) {
  auto principal = verified_caller(runtime, gate, req, res);
  if (!principal) return false;
  if (!principal->has_scope(gate.scope)) {
    std::string holds = principal->scopes.empty() ? "none" : principal->scopes;
    http::send_problem(res, 403, "Forbidden",
                       (principal->key.rfind("user:", 0) == 0 ? "user '" + principal->name + "'" : "key '" + principal->key + "'") +
                           " has no " + std::string(gate.scope_name) + " scope (it holds: " + holds + ")");
    return false;
  }
  req.caller = std::move(*principal);
  return true;
}

bool identify(Runtime& runtime, const ScopeGate& gate, http::Request& req, http::Response& res) {
  if (req.header("Authorization").empty() && !req.cookie(kSessionCookie)) return true;
  auto principal = verified_caller(runtime, gate, req, res);
  if (!principal) return false;
  req.caller = std::move(*principal);
  return true;
}

http::Guard scope_guard(Runtime& runtime, ScopeGate gate) {
  return [&runtime, gate](http::Request& req, http::Response& res) { return authorise(runtime, gate, req, res); };
}

http::Guard admin_guard(Runtime& runtime) { return scope_guard(runtime, kAdminGate); }

const lrs::Principal* caller_of(const http::Request& req) { return std::any_cast<lrs::Principal>(&req.caller); }

}  // namespace trellis
