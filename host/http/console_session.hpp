// A console session as the HTTP layer sees it: the HttpOnly cookie a browser
// got at login, the user and role behind it, and the CSRF rule for requests
// that change something. The API's guards (admin_gate.hpp) take a session in
// place of an HTTP Basic key, with the scopes of the user's role.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accounts/sessions.hpp"
#include "app/runtime.hpp"
#include "http/server/request.hpp"
#include "lrs/credentials.hpp"

namespace trellis {

inline constexpr std::string_view kSessionCookie = "trellis_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct SessionLookup {
  bool presented = false;  // the request carried a session cookie
  std::optional<accounts::Session> session;  // live; nullopt when ended, expired or unknown
  std::optional<Error> error;  // the database failed
};
SessionLookup session_of(Runtime& runtime, const http::Request& req);

// What a role may do through the API, as key scopes: admin both, designer
// "all" (records and discussions), learner none (the open routes only).
std::string role_scopes(const std::string& role);
// The session's user as the guards' principal: key "user:NAME", the role's
// scopes, and an authority agent on account homePage urn:trellis:user.
lrs::Principal session_principal(const accounts::Session& session);

// GET, HEAD and OPTIONS change nothing; everything else is state-changing.
bool changes_state(std::string_view method);
// Whether a state-changing request of this session may go on: it must not come
// from another site (Sec-Fetch-Site, Origin) and must carry the session's CSRF
// token, in the X-CSRF-Token header or as `form_token` (a form's hidden field).
bool csrf_allows(const http::Request& req, const accounts::Session& session, std::string_view form_token = {});
// Whether the request comes from a page of this host (for the forms used
// before there is a session: login, invitation).
bool same_origin_request(const http::Request& req);

// Set-Cookie values: the session's (HttpOnly, SameSite=Strict, Path=/, Secure
// over TLS, for the session's lifetime) and one that removes it.
std::string session_cookie(const std::string& token, bool secure);
std::string cleared_session_cookie(bool secure);

}  // namespace trellis
