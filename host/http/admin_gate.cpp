#include "http/admin_gate.hpp"

#include <optional>

#include "http/problem.hpp"
#include "lrs/credential_check.hpp"

namespace trellis {
namespace {

// The key the request's credentials name, checked; nullopt once the request is answered.
std::optional<lrs::Principal> verified_caller(Runtime& runtime, const ScopeGate& gate, http::Request& req,
                                              http::Response& res) {
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
    http::send_problem(res, 403, "Forbidden",
                       "key '" + principal->key + "' has no " + std::string(gate.scope_name) +
                           " scope (it holds: " + principal->scopes + ")");
    return false;
  }
  req.caller = std::move(*principal);
  return true;
}

bool identify(Runtime& runtime, const ScopeGate& gate, http::Request& req, http::Response& res) {
  if (req.header("Authorization").empty()) return true;
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
