// The route table: method + path pattern -> guard, body policy, handler.
//
// Patterns are literal segments and {name} placeholders, each matching one
// non-empty path segment (percent-decoded after splitting, so "%2F" inside an id
// never splits it); a last placeholder written {name...} matches the rest of the
// path, slashes included. A trailing slash is ignored. A GET route answers HEAD.
// Routes match in the order they were added.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/server/request.hpp"
#include "http/server/response.hpp"

namespace trellis::http {

// Runs on a worker thread once the request's head is read and before a byte of
// its body is: authentication and authorisation go here, so strangers cannot make
// the server receive or store their bodies. Returns false after answering `res`
// itself (401, 403, 413...). May set req.caller and adjust req.body_limit.
using Guard = std::function<bool(Request& req, Response& res)>;

// Runs on a worker thread once the body is received (or refused).
using Handler = std::function<void(Request& req, Response& res)>;

enum class BodyMode {
  memory,  // the body in req.body, at most body_limit bytes
  file,    // the body streamed to a file in the server's upload folder (req.body_file)
};

inline constexpr uint64_t kSmallBody = 64 * 1024;

struct Route {
  Route() = default;
  Route(std::string m, std::string p, Handler h) : method(std::move(m)), pattern(std::move(p)), handler(std::move(h)) {}

  std::string method;   // "GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"
  std::string pattern;  // "/api/v1/courses/{id}"
  Handler handler;
  Guard guard;          // optional
  BodyMode body = BodyMode::memory;
  uint64_t body_limit = kSmallBody;  // larger bodies are answered 413 (by Content-Length, or as they stream)
  // Its handler holds a thread for long (Server-Sent Events): it runs on the
  // streams pool, so watchers never take the workers other requests need.
  bool long_lived = false;
  // Its handler never blocks (it only names a file to send, say): it runs on
  // the connection's I/O thread, saving two thread hops. Never for a stream.
  bool on_io_thread = false;
};

class Router {
 public:
  void add(Route route);
  // Shorthands for the common case: no guard, a small body.
  void get(std::string pattern, Handler handler);
  void post(std::string pattern, Handler handler);

  struct Match {
    const Route* route = nullptr;     // null: nothing matched
    std::vector<std::string> captures;
    std::string allow;                // when the path matched other methods only: "GET, HEAD, POST"
  };
  Match match(std::string_view method, std::string_view raw_path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // literal text, or "{" for a placeholder, "{..." for the rest
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// Percent-decoding (RFC 3986 2.1). Returns false on a malformed escape.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);
// Parses "a=1&b=%20x" into decoded pairs; malformed pairs are kept as sent.
std::multimap<std::string, std::string> parse_query(std::string_view query);

}  // namespace trellis::http
