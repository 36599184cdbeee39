#include "plugins/http_url.hpp"

#include <strings.h>

#include <charconv>

namespace trellis::plugins {
namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && strncasecmp(s.data(), prefix.data(), prefix.size()) == 0;
}

// DNS names are at most 253 characters; the bound also keeps cpp-httplib's own
// std::regex over the origin short.
constexpr size_t kMaxHost = 255;

}  // namespace

std::optional<HttpUrl> split_http_url(std::string_view url) {
  HttpUrl out;
  std::string_view rest;
  if (starts_with_nocase(url, "https://")) {
    out.origin = "https://";
    rest = url.substr(8);
  } else if (starts_with_nocase(url, "http://")) {
    out.origin = "http://";
    rest = url.substr(7);
  } else {
    return std::nullopt;
  }
  if (rest.find('#') != std::string_view::npos) return std::nullopt;
  size_t host_end = 0;
  if (!rest.empty() && rest[0] == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    host_end = close + 1;
  } else {
    host_end = rest.find_first_of("/:?");
    if (host_end == std::string_view::npos) host_end = rest.size();
    if (host_end == 0) return std::nullopt;
  }
  if (host_end > kMaxHost) return std::nullopt;
  size_t target_start = host_end;
  if (host_end < rest.size() && rest[host_end] == ':') {
    std::string_view after = rest.substr(host_end + 1);
    size_t digits = 0;
    while (digits < after.size() && after[digits] >= '0' && after[digits] <= '9') ++digits;
    unsigned port = 0;
    if (digits == 0 || digits > 5) return std::nullopt;
    std::from_chars(after.data(), after.data() + digits, port);
    if (port > 65535) return std::nullopt;
    // After the port comes the path or the query, or nothing.
    target_start = host_end + 1 + digits;
    if (target_start < rest.size() && rest[target_start] != '/' && rest[target_start] != '?') return std::nullopt;
  }
  out.origin.append(rest.substr(0, target_start));
  out.target = target_start == rest.size() ? "/" : std::string(rest.substr(target_start));
  return out;
}

}  // namespace trellis::plugins
