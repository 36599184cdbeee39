#include "http/lrs/xapi_request.hpp"
#include "core/ascii_case.hpp"

#include <algorithm>
#include <ctime>
#include <set>

#include <openssl/crypto.h>

#include "core/log.hpp"
#include "core/sha256.hpp"
#include "lrs/au_session_directory.hpp"
#include "http/problem.hpp"
#include "lrs/credential_check.hpp"
#include "http/server/router.hpp"

namespace trellis::lrs {
namespace {

using Params = std::multimap<std::string, std::string>;

void add_cors(const http::Request& req, http::Response& res) {
  res.set_header("Access-Control-Allow-Origin", req.headers.has("Origin") ? req.header("Origin") : "*");
  res.set_header("Access-Control-Allow-Methods", "HEAD, GET, POST, PUT, DELETE, OPTIONS");
  res.set_header("Access-Control-Allow-Headers",
                 "Content-Type, Content-Length, Authorization, If-Match, If-None-Match, X-Experience-API-Version, "
                 "Accept-Language");
  res.set_header("Access-Control-Expose-Headers",
                 "ETag, Last-Modified, Cache-Control, Content-Type, Content-Length, WWW-Authenticate, "
                 "X-Experience-API-Version, X-Experience-API-Consistent-Through, Retry-After");
}

std::string http_date_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

// The URL's own query parameters (never a form body's).
Params url_query(const http::Request& req) {
  auto q = req.target.find('?');
  if (q == std::string::npos) return {};
  return http::parse_query(std::string_view(req.target).substr(q + 1));
}

// The alternate request syntax names the real method in the URL's query.
bool is_alternate(const Params& query) { return query.count("method") > 0; }

// What every LRS answer carries, refusals included.
void start_answer(const http::Request& req, http::Response& res) {
  add_cors(req, res);
  res.set_header("Date", http_date_now());
  res.set_header("X-Experience-API-Version", xapi::reported_version(xapi::XapiVersion::v1_0));
}

std::map<std::string, std::string> lower_case_headers(const http::Request& req) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : req.headers.fields()) out[ascii_lower(k)] = v;
  return out;
}

// Settles x.version from its version header; false after answering 400.
bool negotiate(LrsContext& ctx, XapiRequest& x, bool needs_auth, http::Response& res) {
  std::string version_header = x.header("x-experience-api-version");
  auto version = xapi::parse_version_header(version_header);
  if (!version && !needs_auth && version_header.empty()) version = xapi::XapiVersion::v1_0;
  if (!version) {
    res.set_header("X-Experience-API-Version", xapi::reported_version(ctx.version_for(x.header("authorization"))));
    xapi_error(res, 400,
               version_header.empty() ? "the X-Experience-API-Version header is required"
                                      : "unsupported X-Experience-API-Version '" + version_header + "'");
    return false;
  }
  x.version = *version;
  res.set_header("X-Experience-API-Version", xapi::reported_version(x.version));
  return true;
}

// An AU session's credential (the auth-token its fetch URL gave out): the
// directory knows it. Its secret is 256 random bits, so a digest compare is
// the whole check (no PBKDF2 rounds to spend, nothing for a throttle to save).
// nullopt: not an AU key, go on with the ordinary check; false after answering.
std::optional<bool> authenticate_au(LrsContext& ctx, store::Database& db, XapiRequest& x, http::Response& res) {
  auto basic = basic_credentials(x.header("authorization"));
  if (!basic || basic->key.rfind(kAuKeyPrefix, 0) != 0 || !ctx.runtime.au_sessions) return std::nullopt;
  auto found = ctx.runtime.au_sessions->find(db, basic->key);
  if (!found) {
    xapi_error(res, found.error());
    return false;
  }
  std::string digest = sha256_hex(basic->secret);
  bool matches = *found && (*found)->secret_sha256.size() == digest.size() &&
                 CRYPTO_memcmp(digest.data(), (*found)->secret_sha256.data(), digest.size()) == 0;
  if (!matches) {
    res.set_header("WWW-Authenticate", "Basic realm=\"Trellis LRS\"");
    xapi_error(res, 401, "the AU session credential is unknown, expired (launch again) or its registration has finished");
    return false;
  }
  x.principal.key = basic->key;
  x.principal.name = (*found)->name;
  x.principal.authority = authority_for(basic->key, (*found)->name);
  x.principal.scopes = std::string(kScopeXapi);
  x.principal.au_cmi5_rules = (*found)->cmi5_rules;
  x.principal.au_session = std::move((*found)->session);
  if (!x.header("x-experience-api-version").empty()) ctx.remember_version(x.principal.key, x.version);
  return true;
}

// Sets x.principal from its Authorization header; false after answering 401/403.
bool authenticate(LrsContext& ctx, XapiRequest& x, http::Response& res) {
  auto lease = ctx.runtime.pool.acquire();
  if (!lease) {
    xapi_error(res, lease.error());
    return false;
  }
  if (auto au = authenticate_au(ctx, **lease, x, res)) return *au;
  auto checked = credential_checker().check(**lease, x.header("authorization"), x.remote_addr);
  if (!checked) {
    xapi_error(res, checked.error());
    return false;
  }
  if (auto* throttled = std::get_if<Throttled>(&*checked)) {
    http::send_throttled(res, throttled->retry_after_seconds);
    return false;
  }
  auto* principal = std::get_if<Principal>(&*checked);
  if (!principal) {
    res.set_header("WWW-Authenticate", "Basic realm=\"Trellis LRS\"");
    xapi_error(res, 401, "HTTP Basic credentials of an LRS key are required");
    return false;
  }
  if (!principal->has_scope(kScopeXapi)) {
    xapi_error(res, 403, "key '" + principal->key + "' has no xAPI scope (it holds: " + principal->scopes +
                             "); create one with `trellis lrs key create --scope all`");
    return false;
  }
  x.principal = std::move(*principal);
  if (!x.header("x-experience-api-version").empty()) ctx.remember_version(x.principal.key, x.version);
  return true;
}

// xAPI 1.0.3 Communication 1.3: POST ?method=M with a form body carrying the
// headers, the content and the parameters. Unfolds it into x; false after answering 400.
bool unfold_alternate(const http::Request& req, const Params& query, XapiRequest& x, http::Response& res) {
  bool form = ascii_lower(req.header("Content-Type")).rfind("application/x-www-form-urlencoded", 0) == 0;
  // The URL's parameters, then the form's fields, in the order they were always read.
  Params fields = query;
  if (form)
    for (auto& [k, v] : http::parse_query(req.body)) fields.emplace(k, std::move(v));

  std::string version_header = x.header("x-experience-api-version");
  for (const auto& [k, v] : fields)
    if (ascii_lower(k) == "x-experience-api-version") version_header = v;
  auto version = xapi::parse_version_header(version_header);
  if (version && *version == xapi::XapiVersion::v2_0) {
    xapi_error(res, 400, "xAPI 2.0 has no alternate request syntax");
    return false;
  }
  if (req.method != "POST") {
    xapi_error(res, 400, "the alternate request syntax must be sent as POST");
    return false;
  }
  if (query.size() != 1) {
    xapi_error(res, 400, "the alternate request syntax allows only 'method' in the query string");
    return false;
  }
  if (!form) {
    xapi_error(res, 400, "the alternate request syntax needs a form-encoded body");
    return false;
  }
  x.method = query.find("method")->second;
  static const std::set<std::string> allowed = {"GET", "PUT", "POST", "DELETE", "HEAD"};
  if (!allowed.count(x.method)) {
    xapi_error(res, 400, "unknown method '" + x.method + "' in the alternate request syntax");
    return false;
  }
  static const std::set<std::string> header_fields = {"authorization",  "x-experience-api-version", "content-type",
                                                      "content-length", "if-match", "if-none-match"};
  x.headers.erase("content-type");
  x.body.clear();
  bool has_content = false;
  for (auto& [k, v] : fields) {
    if (k == "method") continue;
    std::string lk = ascii_lower(k);
    if (header_fields.count(lk)) {
      x.headers[lk] = v;
    } else if (k == "content") {
      x.body = std::move(v);
      has_content = true;
    } else {
      x.params.emplace(k, v);
    }
  }
  if ((x.method == "PUT" || x.method == "POST") && !has_content) {
    xapi_error(res, 400, "the alternate request syntax sends its content in the 'content' form field");
    return false;
  }
  if (!x.headers.count("content-type") && has_content) x.headers["content-type"] = "application/json";
  return true;
}

}  // namespace

std::optional<std::string> XapiRequest::param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

std::string XapiRequest::header(const std::string& name) const {
  auto it = headers.find(ascii_lower(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string XapiRequest::content_type() const {
  std::string ct = header("content-type");
  auto semi = ct.find(';');
  if (semi != std::string::npos) ct = ct.substr(0, semi);
  while (!ct.empty() && ct.back() == ' ') ct.pop_back();
  return ascii_lower(ct);
}

void LrsContext::remember_version(const std::string& key, xapi::XapiVersion v) {
  std::lock_guard lock(versions_mutex);
  last_version[key] = v;
}

xapi::XapiVersion LrsContext::version_for(const std::string& authorization_header) {
  auto key = basic_user(authorization_header);
  std::lock_guard lock(versions_mutex);
  if (key) {
    auto it = last_version.find(*key);
    if (it != last_version.end()) return it->second;
  }
  return xapi::XapiVersion::v2_0;
}

void xapi_error(http::Response& res, int status, const std::string& detail) {
  http::send_problem(res, status, http::reason_phrase(status), detail);
}

void xapi_error(http::Response& res, const Error& error) {
  int status = 500;
  switch (error.kind) {
    case ErrorKind::invalid_input:
    case ErrorKind::usage:
      status = 400;
      break;
    case ErrorKind::not_found:
      status = 404;
      break;
    case ErrorKind::conflict:
      status = 409;
      break;
    default:
      log::error("lrs", error.message);
      status = 500;
  }
  xapi_error(res, status, error.message);
}

bool xapi_guard(LrsContext& ctx, http::Request& req, http::Response& res, bool needs_auth) {
  start_answer(req, res);
  // An alternate-syntax request's headers are in its body: checked in serve_xapi.
  if (is_alternate(url_query(req))) return true;
  XapiRequest x;
  x.remote_addr = req.remote_addr;
  x.headers = lower_case_headers(req);
  if (!negotiate(ctx, x, needs_auth, res)) return false;
  if (!needs_auth) return true;
  if (!authenticate(ctx, x, res)) return false;
  req.caller = std::move(x.principal);
  return true;
}

void serve_xapi(LrsContext& ctx, http::Request& req, http::Response& res, const XapiHandler& handler,
                bool needs_auth) {
  start_answer(req, res);
  XapiRequest x;
  x.remote_addr = req.remote_addr;
  x.method = req.method;
  x.path = req.path;
  x.headers = lower_case_headers(req);
  auto query = url_query(req);
  bool alternate = is_alternate(query);
  if (alternate) {
    if (!unfold_alternate(req, query, x, res)) return;
  } else {
    x.params = std::move(query);  // a form-encoded body stays the body here
    x.body = std::move(req.body);
  }
  if (!negotiate(ctx, x, needs_auth, res)) return;
  if (needs_auth) {
    // The guard checked an ordinary request's key before its body came in.
    auto* checked = alternate ? nullptr : std::any_cast<Principal>(&req.caller);
    if (checked)
      x.principal = std::move(*checked);
    else if (!authenticate(ctx, x, res))
      return;
  }
  handler(ctx, x, res);
}

}  // namespace trellis::lrs
