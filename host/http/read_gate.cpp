#include "http/read_gate.hpp"

#include <string>

#include "http/problem.hpp"

namespace trellis {

std::optional<knowledge::ReadAccess> read_access(Runtime& runtime, http::Request& req, http::Response& res) {
  if (!identify(runtime, kPeopleGate, req, res)) return std::nullopt;
  return knowledge::ReadAccess::for_caller(caller_of(req));
}

bool allow_kind(const knowledge::ReadAccess& access, std::string_view kind, const http::Request& req,
                http::Response& res) {
  if (access.may_read(kind)) return true;
  const lrs::Principal* caller = caller_of(req);
  if (caller == nullptr) {
    res.set_header("WWW-Authenticate", "Basic realm=\"" + std::string(kPeopleGate.realm) + "\"");
    http::send_problem(res, 401, "Unauthorized", std::string(kPeopleGate.missing_key));
    return false;
  }
  http::send_problem(res, 403, "Forbidden",
                     "key '" + caller->key + "' has no " + std::string(kPeopleGate.scope_name) + " scope (it holds: " +
                         caller->scopes + "), which reading " + std::string(kind) + "s needs");
  return false;
}

http::Guard read_guard(Runtime& runtime, std::string_view kind) {
  return [&runtime, kind](http::Request& req, http::Response& res) {
    auto access = read_access(runtime, req, res);
    return access && allow_kind(*access, kind, req, res);
  };
}

}  // namespace trellis
