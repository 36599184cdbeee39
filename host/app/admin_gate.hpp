// Who may use the administration API over HTTP (plugins, package upload):
// holders of a key with the "admin" scope (`trellis lrs key create --scope
// admin`). Listening on 127.0.0.1 is no protection on a shared machine, so
// there is no unauthenticated mode.
#pragma once

#include <optional>

#include "app/runtime.hpp"
#include "lrs/credentials.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace trellis {

// The caller when its HTTP Basic key holds the admin scope. Otherwise answers
// the request itself (401 without valid credentials, 403 without the scope)
// and returns nullopt: the handler then simply returns.
std::optional<lrs::Principal> require_admin(Runtime& runtime, const httplib::Request& req, httplib::Response& res);

}  // namespace trellis
