#include "http/admin_gate.hpp"

#include "http/problem.hpp"

namespace trellis {
namespace {

// One process-wide cache of verified secrets: a PBKDF2 check per request
// would cost ~100k hash rounds. Revocation is still read from the database.
lrs::CredentialCheck& admin_credentials() {
  static lrs::CredentialCheck check;
  return check;
}

}  // namespace

bool authorise(Runtime& runtime, const ScopeGate& gate, http::Request& req, http::Response& res) {
  auto lease = runtime.pool.acquire();
  if (!lease) {
    http::send_error(res, lease.error());
    return false;
  }
  auto principal = admin_credentials().check(**lease, req.header("Authorization"));
  if (!principal) {
    http::send_error(res, principal.error());
    return false;
  }
  if (!*principal) {
    res.set_header("WWW-Authenticate", "Basic realm=\"" + std::string(gate.realm) + "\"");
    http::send_problem(res, 401, "Unauthorized", gate.missing_key);
    return false;
  }
  if (!(*principal)->has_scope(gate.scope)) {
    http::send_problem(res, 403, "Forbidden",
                       "key '" + (*principal)->key + "' has no " + std::string(gate.scope_name) +
                           " scope (it holds: " + (*principal)->scopes + ")");
    return false;
  }
  req.caller = std::move(**principal);
  return true;
}

http::Guard scope_guard(Runtime& runtime, ScopeGate gate) {
  return [&runtime, gate](http::Request& req, http::Response& res) { return authorise(runtime, gate, req, res); };
}

http::Guard admin_guard(Runtime& runtime) { return scope_guard(runtime, kAdminGate); }

const lrs::Principal* caller_of(const http::Request& req) { return std::any_cast<lrs::Principal>(&req.caller); }

}  // namespace trellis
