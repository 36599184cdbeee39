// What every LRS resource handler gets after the common checks: the negotiated
// xAPI version, the authenticated key, and the request with the alternate request
// syntax (xAPI 1.0.3 Communication 1.3) already unfolded into method, headers,
// parameters and body.
//
// The checks come in two steps. xapi_guard runs before the body is read: for an
// ordinary request it negotiates the version and checks the key there, so a
// stranger's body is never received. An alternate-syntax request carries its
// headers (Authorization among them) in its form body, so serve_xapi checks it
// once the body is in, the route's body limit bounding what a stranger can send.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/runtime.hpp"
#include "http/server/request.hpp"
#include "http/server/response.hpp"
#include "lrs/credentials.hpp"
#include "xapi/xapi_version.hpp"

namespace trellis::lrs {

struct XapiRequest {
  std::string method;
  std::string path;
  std::string remote_addr;  // the client's address (credential failures are throttled by it)
  xapi::XapiVersion version = xapi::XapiVersion::v1_0;
  std::multimap<std::string, std::string> params;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  Principal principal;

  std::optional<std::string> param(const std::string& name) const;
  std::string header(const std::string& name) const;  // "" when absent
  std::string content_type() const;                   // media type only, lower-case
};

struct LrsContext {
  explicit LrsContext(Runtime& rt) : runtime(rt) {}
  Runtime& runtime;

  // The xAPI version each key last spoke, so a request that omits the version
  // header is refused in the language its client understands.
  std::mutex versions_mutex;
  std::map<std::string, xapi::XapiVersion> last_version;
  void remember_version(const std::string& key, xapi::XapiVersion v);
  xapi::XapiVersion version_for(const std::string& authorization_header);
};

using XapiHandler = std::function<void(LrsContext&, const XapiRequest&, http::Response&)>;

// The route guard of every LRS resource: CORS headers always; for a request
// not in the alternate syntax also the version and (when `needs_auth`) the key,
// whose Principal it stores in req.caller. False after answering (400, 401, 403).
bool xapi_guard(LrsContext& ctx, http::Request& req, http::Response& res, bool needs_auth);

// After the body: unfolds the alternate syntax (checking its version and key
// now), and runs `handler`. Takes the request's body (moves it out).
void serve_xapi(LrsContext& ctx, http::Request& req, http::Response& res, const XapiHandler& handler,
                bool needs_auth = true);

// xAPI errors: problem+json with the status the spec requires.
void xapi_error(http::Response& res, int status, const std::string& detail);
void xapi_error(http::Response& res, const Error& error);

}  // namespace trellis::lrs
