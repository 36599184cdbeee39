#include "trellis/import_kit/iri.hpp"
#include "trellis/import_kit/text.hpp"

namespace trellis::kit {
namespace {

bool is_hex(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
  if (is_ascii_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Characters RFC 3987 never allows unescaped. Bytes >= 0x80 are UTF-8 (ucschar).
bool forbidden(unsigned char c) {
  if (c <= 0x20 || c == 0x7f) return true;
  switch (c) {
    case '<': case '>': case '"': case '{': case '}': case '|': case '\\': case '^': case '`':
      return true;
    default:
      return false;
  }
}

size_t scheme_length(std::string_view text) {
  if (text.empty() || !is_ascii_alpha(text[0])) return 0;
  for (size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == ':') return i;
    if (!is_ascii_alpha(c) && !is_ascii_digit(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

}  // namespace

bool is_iri_reference(std::string_view text) {
  int hashes = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (forbidden(c)) return false;
    if (c == '#' && ++hashes > 1) return false;
    if (c == '%' && (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2]))) return false;
  }
  return true;
}

bool has_scheme(std::string_view text) { return scheme_length(text) > 0; }

bool is_absolute_iri(std::string_view text) {
  size_t n = scheme_length(text);
  return n > 0 && n + 1 < text.size() && is_iri_reference(text);
}

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  size_t n = scheme_length(url);
  if (n > 0) {
    parts.scheme = url.substr(0, n);
    url.remove_prefix(n + 1);
  }
  if (size_t hash = url.find('#'); hash != std::string_view::npos) {
    parts.fragment = url.substr(hash + 1);
    url = url.substr(0, hash);
  }
  if (size_t q = url.find('?'); q != std::string_view::npos) {
    parts.query = url.substr(q + 1);
    parts.has_query = true;
    url = url.substr(0, q);
  }
  parts.path = url;
  return parts;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::vector<std::string> query_parameter_names(std::string_view query) {
  std::vector<std::string> names;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    std::string_view name = pair.substr(0, pair.find('='));
    if (!name.empty()) {
      std::string decoded(name);
      for (char& c : decoded)
        if (c == '+') c = ' ';
      names.push_back(percent_decode(decoded));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return names;
}

std::optional<std::string> package_path(std::string_view relative_path) {
  if (relative_path.empty() || relative_path.front() == '/' || relative_path.front() == '\\') return std::nullopt;
  std::string decoded = percent_decode(relative_path);
  if (decoded.find('\0') != std::string::npos || decoded.find('\\') != std::string::npos) return std::nullopt;
  std::vector<std::string_view> segments;
  std::string_view rest = decoded;
  while (true) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (segments.empty()) return std::nullopt;
  std::string out;
  for (auto seg : segments) {
    if (!out.empty()) out.push_back('/');
    out.append(seg);
  }
  return out;
}

}  // namespace trellis::kit
