// Links the console writes from stored data: only web and mail addresses and
// the host's own paths become an href (a stored "javascript:" URL never does),
// and text placed in a query string is percent-encoded.
#pragma once

#include <string>
#include <string_view>

namespace trellis {

// The URL when it is http(s), mailto or a path of this host ("/..."), else "".
inline std::string safe_href(std::string_view url) {
  auto starts = [&](std::string_view p) { return url.substr(0, p.size()) == p; };
  if (starts("https://") || starts("http://") || starts("mailto:") || (starts("/") && !starts("//")))
    return std::string(url);
  return "";
}

// RFC 3986 unreserved characters kept, every other byte %XX.
inline std::string url_component(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace trellis
