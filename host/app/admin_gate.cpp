#include "app/admin_gate.hpp"

#include <httplib.h>

#include "server/problem.hpp"

namespace trellis {
namespace {

// One process-wide cache of verified secrets: a PBKDF2 check per request
// would cost ~100k hash rounds. Revocation is still read from the database.
lrs::CredentialCheck& admin_credentials() {
  static lrs::CredentialCheck check;
  return check;
}

}  // namespace

std::optional<lrs::Principal> require_admin(Runtime& runtime, const httplib::Request& req, httplib::Response& res) {
  auto lease = runtime.pool.acquire();
  if (!lease) {
    server::send_error(res, lease.error());
    return std::nullopt;
  }
  auto principal = admin_credentials().check(**lease, req.get_header_value("Authorization"));
  if (!principal) {
    server::send_error(res, principal.error());
    return std::nullopt;
  }
  if (!*principal) {
    res.set_header("WWW-Authenticate", "Basic realm=\"trellis admin\"");
    server::send_problem(res, 401, "Unauthorized",
                         "the administration API needs HTTP Basic credentials of a key with the admin scope "
                         "(`trellis lrs key create --scope admin`)");
    return std::nullopt;
  }
  if (!(*principal)->has_scope(lrs::kScopeAdmin)) {
    server::send_problem(res, 403, "Forbidden",
                         "key '" + (*principal)->key + "' has no admin scope (it holds: " + (*principal)->scopes + ")");
    return std::nullopt;
  }
  return std::move(*principal);
}

}  // namespace trellis
