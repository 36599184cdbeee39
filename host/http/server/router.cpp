#include "http/server/router.hpp"

#include <stdexcept>

namespace trellis::http {
namespace {

// Splits "/a/b/" into {"a", "b"}: empty segments (a doubled or trailing slash)
// are dropped, so "/xapi/statements/" and "/xapi/statements" are one resource.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) out.push_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_rest(const std::string& segment) { return segment.size() > 1 && segment[0] == '{' && segment[1] == '.'; }

}  // namespace

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

std::multimap<std::string, std::string> parse_query(std::string_view query) {
  std::multimap<std::string, std::string> out;
  size_t i = 0;
  while (i <= query.size()) {
    size_t amp = query.find('&', i);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(i, amp - i);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string_view raw_key = pair.substr(0, eq);
      std::string_view raw_value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
      std::string key, value;
      if (!percent_decode(raw_key, key, true)) key = std::string(raw_key);
      if (!percent_decode(raw_value, value, true)) value = std::string(raw_value);
      out.emplace(std::move(key), std::move(value));
    }
    i = amp + 1;
  }
  return out;
}

void Router::add(Route route) {
  Compiled compiled;
  for (auto segment : split_path(route.pattern)) {
    if (!compiled.segments.empty() && is_rest(compiled.segments.back()))
      throw std::invalid_argument("route pattern " + route.pattern + ": {name...} must come last");
    std::string text(segment);
    if (text.front() == '{') {
      if (text.back() != '}') throw std::invalid_argument("route pattern " + route.pattern + ": unclosed {");
      text = text.size() > 5 && text.compare(text.size() - 4, 4, "...}") == 0 ? "{..." : "{";
    }
    compiled.segments.push_back(std::move(text));
  }
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

void Router::get(std::string pattern, Handler handler) {
  add(Route{"GET", std::move(pattern), std::move(handler)});
}

void Router::post(std::string pattern, Handler handler) {
  add(Route{"POST", std::move(pattern), std::move(handler)});
}

Router::Match Router::match(std::string_view method, std::string_view raw_path) const {
  Match out;
  auto segments = split_path(raw_path);
  std::vector<std::string> captures;
  std::string decoded;
  for (size_t r = 0; r < routes_.size(); ++r) {
    const auto& pattern = compiled_[r].segments;
    captures.clear();
    bool ok = true;
    size_t i = 0;
    for (; i < pattern.size() && ok; ++i) {
      if (is_rest(pattern[i])) {
        if (i >= segments.size()) { ok = false; break; }
        // The rest of the path, from this segment on, with its slashes.
        const char* begin = segments[i].data();
        const char* end = segments.back().data() + segments.back().size();
        ok = percent_decode(std::string_view(begin, static_cast<size_t>(end - begin)), decoded, false);
        captures.push_back(decoded);
        i = segments.size();
        break;
      }
      if (i >= segments.size()) { ok = false; break; }
      if (pattern[i] == "{") {
        ok = percent_decode(segments[i], decoded, false) && !decoded.empty();
        captures.push_back(decoded);
      } else {
        ok = segments[i] == pattern[i];
      }
    }
    if (!ok) continue;
    if (i != segments.size() && !(pattern.empty() && segments.empty())) continue;
    const auto& route = routes_[r];
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      out.route = &route;
      out.captures = std::move(captures);
      return out;
    }
    if (out.allow.find(route.method) == std::string::npos) {
      out.allow += (out.allow.empty() ? "" : ", ") + route.method;
      if (route.method == "GET") out.allow += ", HEAD";
    }
  }
  return out;
}

}  // namespace trellis::http
