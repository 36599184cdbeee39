// The URLs a plugin may ask the host to fetch (host.h http_request), split the
// way cpp-httplib's client wants them. Plain code, one pass: the URL may come
// from a feed or a remote page, and a backtracking regex over a long one
// overflows the stack.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trellis::plugins {

struct HttpUrl {
  std::string origin;  // "http://host" or "https://host:port", scheme in lower case
  std::string target;  // path and query as sent ("/" when the URL has none)
};

// http:// or https:// (any case), a host of at most 255 characters (a name,
// or an IPv6 address in brackets), an optional port up to 65535, then the path
// and query. A fragment ('#') is refused: it is never sent.
std::optional<HttpUrl> split_http_url(std::string_view url);

}  // namespace trellis::plugins
