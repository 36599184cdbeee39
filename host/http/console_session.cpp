#include "http/console_session.hpp"

#include <openssl/crypto.h>

#include "xapi/timestamp.hpp"

namespace trellis {

SessionLookup session_of(Runtime& runtime, const http::Request& req) {
  SessionLookup out;
  auto token = req.cookie(kSessionCookie);
  if (!token) return out;
  out.presented = true;
  auto lease = runtime.pool.acquire();
  if (!lease) {
    out.error = lease.error();
    return out;
  }
  auto found = accounts::find_session(**lease, *token, xapi::now_micros());
  if (!found) {
    out.error = found.error();
    return out;
  }
  out.session = std::move(*found);
  return out;
}

std::string role_scopes(const std::string& role) {
  if (role == "admin") return std::string(lrs::kScopeAdmin) + " " + std::string(lrs::kScopeXapi);
  if (role == "designer") return std::string(lrs::kScopeXapi);
  return "";
}

lrs::Principal session_principal(const accounts::Session& session) {
  lrs::Principal p;
  p.key = "user:" + session.user_name;
  p.name = session.user_name;
  p.authority = {{"objectType", "Agent"},
                 {"account", {{"homePage", "urn:trellis:user"}, {"name", session.user_name}}}};
  p.scopes = role_scopes(session.role);
  return p;
}

bool changes_state(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool same_origin_request(const http::Request& req) {
  // Browsers send Sec-Fetch-Site with every request (Fetch Metadata), and it
  // alone decides: Origin may be "null" on a same-origin form post (a page
  // with a strict Referrer-Policy). Browsers without it send Origin on a POST.
  std::string site = req.header("Sec-Fetch-Site");
  if (!site.empty()) return site == "same-origin" || site == "none";
  std::string origin = req.header("Origin");
  if (origin.empty()) return true;
  std::string host = req.header("Host");
  return origin == "http://" + host || origin == "https://" + host;
}

bool csrf_allows(const http::Request& req, const accounts::Session& session, std::string_view form_token) {
  if (!same_origin_request(req)) return false;
  std::string sent = req.header(kCsrfHeader);
  std::string_view token = sent.empty() ? form_token : std::string_view(sent);
  return token.size() == session.csrf_token.size() && !token.empty() &&
         CRYPTO_memcmp(token.data(), session.csrf_token.data(), token.size()) == 0;
}

std::string session_cookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(accounts::kSessionLifetimeMicros / 1000000) + (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "");
}

}  // namespace trellis
