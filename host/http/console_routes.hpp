// The console's sign-in and session routes on the API origin:
//   GET  /console/                    the signed-in user's page (else to /console/login)
//   GET  /console/login               the sign-in form
//   POST /console/login               name + password: a session cookie, then /console/
//   POST /console/logout              ends this session
//   POST /console/logout-everywhere   ends every session of the user
//   GET  /console/invite/{token}      the invited user's password form
//   POST /console/invite/{token}      sets the password, spends the invitation, signs in
//   GET  /console/assets/{name}       the console's stylesheet
//   GET  /api/v1/session              who this browser is signed in as, and its CSRF token
#pragma once

#include <filesystem>

#include <optional>
#include <string>

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

void register_console_routes(http::Router& router, Runtime& runtime, std::filesystem::path web_assets,
                             std::optional<std::string> content_origin);

}  // namespace trellis
