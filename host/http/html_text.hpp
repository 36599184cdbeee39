// Text placed in HTML the host writes (element content or a quoted attribute):
// &, <, >, " and ' as character references, so no value can open markup.
#pragma once

#include <string>
#include <string_view>

namespace trellis {

inline std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace trellis
