// Links the console writes from stored data: only web and mail addresses and
// the host's own paths become an href (a stored "javascript:" URL never does),
// (text placed in a query string goes through core's encode_uri_component).
#pragma once

#include <string>
#include <string_view>

#include "core/uri_component.hpp"

namespace trellis {

// The URL when it is http(s), mailto or a path of this host ("/..."), else "".
inline std::string safe_href(std::string_view url) {
  auto starts = [&](std::string_view p) { return url.substr(0, p.size()) == p; };
  if (starts("https://") || starts("http://") || starts("mailto:") || (starts("/") && !starts("//")))
    return std::string(url);
  return "";
}

}  // namespace trellis
