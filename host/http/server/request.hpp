// A request as a route handler sees it: method, decoded path and query, headers,
// the caller's address, what the route pattern captured, what the route's guard
// learnt about the caller, and the body (in memory or, for routes that stream
// uploads to disk, in a file the server removes after the handler returns).
#pragma once

#include <any>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/server/headers.hpp"

namespace trellis::http {

struct Request {
  std::string method;  // upper case, as sent ("GET")
  std::string target;  // as sent: path and query, still percent-encoded
  std::string path;    // percent-decoded, without the query
  std::multimap<std::string, std::string> query;  // decoded; '+' is a space
  Headers headers;
  std::string remote_addr;
  bool secure = false;  // arrived over TLS (cookies then carry Secure)
  std::vector<std::string> captures;  // what the route's {name} segments matched, in order

  // Set by the route's guard (an authenticated principal, say); handlers
  // any_cast it back to the type their guard stored.
  std::any caller;

  // The body limit the route declares; a guard may lower or raise it for this
  // request (an upload limit read from the settings) before the body is read.
  uint64_t body_limit = 0;
  std::string body;                  // BodyMode::memory
  std::filesystem::path body_file;   // BodyMode::file: the body as received
  uint64_t body_size = 0;            // bytes received, either mode

  std::string header(std::string_view name) const { return headers.get(name); }
  bool has_query(const std::string& name) const { return query.count(name) > 0; }
  // The first value of a query parameter.
  std::optional<std::string> query_value(const std::string& name) const;
  std::string query_or(const std::string& name, std::string fallback) const;
  const std::string& capture(size_t i) const { return captures.at(i); }
  // The media type of Content-Type, lower-case, without parameters ("" when absent).
  std::string media_type() const;
  // The value of a cookie of the Cookie header; nullopt when absent.
  std::optional<std::string> cookie(std::string_view name) const;
};

}  // namespace trellis::http
