#include "http/lrs/xapi_request.hpp"

#include <httplib.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "core/log.hpp"
#include "http/problem.hpp"

namespace trellis::lrs {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void add_cors(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Access-Control-Allow-Origin", req.has_header("Origin") ? req.get_header_value("Origin") : "*");
  res.set_header("Access-Control-Allow-Methods", "HEAD, GET, POST, PUT, DELETE, OPTIONS");
  res.set_header("Access-Control-Allow-Headers",
                 "Content-Type, Content-Length, Authorization, If-Match, If-None-Match, X-Experience-API-Version, "
                 "Accept-Language");
  res.set_header("Access-Control-Expose-Headers",
                 "ETag, Last-Modified, Cache-Control, Content-Type, Content-Length, WWW-Authenticate, "
                 "X-Experience-API-Version, X-Experience-API-Consistent-Through");
}

std::string http_date_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::multimap<std::string, std::string> url_query(const httplib::Request& req) {
  std::multimap<std::string, std::string> out;
  auto q = req.target.find('?');
  if (q == std::string::npos) return out;
  httplib::Params params;
  httplib::detail::parse_query_text(req.target.substr(q + 1), params);
  for (auto& [k, v] : params) out.emplace(k, v);
  return out;
}

}  // namespace

std::optional<std::string> XapiRequest::param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

std::string XapiRequest::header(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string XapiRequest::content_type() const {
  std::string ct = header("content-type");
  auto semi = ct.find(';');
  if (semi != std::string::npos) ct = ct.substr(0, semi);
  while (!ct.empty() && ct.back() == ' ') ct.pop_back();
  return lower(ct);
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

void xapi_error(httplib::Response& res, int status, const std::string& detail) {
  http::send_problem(res, status, http::reason_phrase(status), detail);
}

void xapi_error(httplib::Response& res, const Error& error) {
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

void serve_xapi(LrsContext& ctx, const httplib::Request& req, httplib::Response& res, const XapiHandler& handler,
                bool needs_auth) {
  add_cors(req, res);
  res.set_header("Date", http_date_now());
  res.set_header("X-Experience-API-Version", xapi::reported_version(xapi::XapiVersion::v1_0));
  XapiRequest x;
  x.method = req.method;
  x.path = req.path;
  x.body = req.body;
  for (const auto& [k, v] : req.headers) x.headers[lower(k)] = v;
  auto query = url_query(req);

  if (query.count("method")) {
    std::string version_header = x.header("x-experience-api-version");
    for (auto& [k, v] : req.params)
      if (lower(k) == "x-experience-api-version") version_header = v;
    auto version = xapi::parse_version_header(version_header);
    if (version && *version == xapi::XapiVersion::v2_0) {
      xapi_error(res, 400, "xAPI 2.0 has no alternate request syntax");
      return;
    }
    if (req.method != "POST") {
      xapi_error(res, 400, "the alternate request syntax must be sent as POST");
      return;
    }
    if (query.size() != 1) {
      xapi_error(res, 400, "the alternate request syntax allows only 'method' in the query string");
      return;
    }
    if (lower(x.header("content-type")).rfind("application/x-www-form-urlencoded", 0) != 0) {
      xapi_error(res, 400, "the alternate request syntax needs a form-encoded body");
      return;
    }
    x.method = query.find("method")->second;
    static const std::set<std::string> allowed = {"GET", "PUT", "POST", "DELETE", "HEAD"};
    if (!allowed.count(x.method)) {
      xapi_error(res, 400, "unknown method '" + x.method + "' in the alternate request syntax");
      return;
    }
    static const std::set<std::string> header_fields = {"authorization",  "x-experience-api-version", "content-type",
                                                        "content-length", "if-match", "if-none-match"};
    x.headers.erase("content-type");
    x.body.clear();
    bool has_content = false;
    for (const auto& [k, v] : req.params) {
      if (k == "method") continue;
      std::string lk = lower(k);
      if (header_fields.count(lk)) {
        x.headers[lk] = v;
      } else if (k == "content") {
        x.body = v;
        has_content = true;
      } else {
        x.params.emplace(k, v);
      }
    }
    if ((x.method == "PUT" || x.method == "POST") && !has_content) {
      xapi_error(res, 400, "the alternate request syntax sends its content in the 'content' form field");
      return;
    }
    if (!x.headers.count("content-type") && has_content) x.headers["content-type"] = "application/json";
  } else {
    x.params = std::move(query);
    // httplib folds a form-encoded body into params; only the URL's count here.
  }

  std::string version_header = x.header("x-experience-api-version");
  auto version = xapi::parse_version_header(version_header);
  if (!version && !needs_auth && version_header.empty()) version = xapi::XapiVersion::v1_0;
  if (!version) {
    res.headers.erase("X-Experience-API-Version");
    res.set_header("X-Experience-API-Version", xapi::reported_version(ctx.version_for(x.header("authorization"))));
    xapi_error(res, 400,
               version_header.empty() ? "the X-Experience-API-Version header is required"
                                      : "unsupported X-Experience-API-Version '" + version_header + "'");
    return;
  }
  x.version = *version;
  res.headers.erase("X-Experience-API-Version");
  res.set_header("X-Experience-API-Version", xapi::reported_version(x.version));

  if (needs_auth) {
    auto lease = ctx.runtime.pool.acquire();
    if (!lease) return xapi_error(res, lease.error());
    auto principal = ctx.credentials.check(**lease, x.header("authorization"));
    if (!principal) return xapi_error(res, principal.error());
    if (!*principal) {
      res.set_header("WWW-Authenticate", "Basic realm=\"Trellis LRS\"");
      xapi_error(res, 401, "HTTP Basic credentials of an LRS key are required");
      return;
    }
    if (!(*principal)->has_scope(kScopeXapi)) {
      xapi_error(res, 403, "key '" + (*principal)->key + "' has no xAPI scope (it holds: " + (*principal)->scopes +
                               "); create one with `trellis lrs key create --scope all`");
      return;
    }
    x.principal = std::move(**principal);
    if (!version_header.empty()) ctx.remember_version(x.principal.key, x.version);
  }
  handler(ctx, x, res);
}

}  // namespace trellis::lrs
