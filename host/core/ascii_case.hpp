// ASCII case folding for protocol text: header names, media types, UUIDs,
// words matched without regard to case. Bytes outside A-Z pass unchanged, so
// UTF-8 text is never split or altered.
#pragma once

#include <string>
#include <string_view>

namespace trellis {

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace trellis
