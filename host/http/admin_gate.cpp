#include "http/admin_gate.hpp"

#include <httplib.h>

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

std::optional<lrs::Principal> require_scope(Runtime& runtime, const httplib::Request& req, httplib::Response& res,
                                            const ScopeGate& gate) {
  auto lease = runtime.pool.acquire();
  if (!lease) {
    http::send_error(res, lease.error());
    return std::nullopt;
  }
  auto principal = admin_credentials().check(**lease, req.get_header_value("Authorization"));
  if (!principal) {
    http::send_error(res, principal.error());
    return std::nullopt;
  }
  if (!*principal) {
    res.set_header("WWW-Authenticate", "Basic realm=\"" + std::string(gate.realm) + "\"");
    http::send_problem(res, 401, "Unauthorized", gate.missing_key);
    return std::nullopt;
  }
  if (!(*principal)->has_scope(gate.scope)) {
    http::send_problem(res, 403, "Forbidden",
                         "key '" + (*principal)->key + "' has no " + std::string(gate.scope_name) +
                             " scope (it holds: " + (*principal)->scopes + ")");
    return std::nullopt;
  }
  return std::move(*principal);
}

std::optional<lrs::Principal> require_admin(Runtime& runtime, const httplib::Request& req, httplib::Response& res) {
  return require_scope(runtime, req, res,
                       {lrs::kScopeAdmin, "admin", "trellis admin",
                        "the administration API needs HTTP Basic credentials of a key with the admin scope "
                        "(`trellis lrs key create --scope admin`)"});
}

}  // namespace trellis
