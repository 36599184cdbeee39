#include "http/route_rules.hpp"

#include <charconv>
#include <string>

#include "http/problem.hpp"

namespace trellis::http {
namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool alnum(char c) { return lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

}  // namespace

bool is_slug(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!alnum(c) && c != '_' && c != '-') return false;
  return true;
}

bool is_plugin_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || !lower_alnum(s.front())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

bool is_connector_id(std::string_view s) {
  if (s.empty() || !lower_alnum(s.front())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '.' && c != '-') return false;
  return true;
}

Route route(std::string method, std::string pattern, Handler handler, Guard guard, BodyMode body,
            uint64_t body_limit) {
  Route r(std::move(method), std::move(pattern), std::move(handler));
  r.guard = std::move(guard);
  r.body = body;
  r.body_limit = body_limit;
  return r;
}

Guard id_guard(IdRule rule, Guard then) {
  return [rule, then = std::move(then)](Request& req, Response& res) {
    if (req.captures.empty() || !rule(req.capture(0))) {
      send_no_resource(res, req.path);
      return false;
    }
    return then ? then(req, res) : true;
  };
}

std::optional<uint64_t> declared_length(const Request& req) {
  std::string text = req.header("Content-Length");
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

}  // namespace trellis::http
