// Lower-case hexadecimal, the one way the host writes bytes as text (digests,
// ids, tokens, escaped bytes in messages).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace trellis {

std::string hex_encode(const unsigned char* data, std::size_t size);
inline std::string hex_encode(std::string_view bytes) {
  return hex_encode(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}
// "\xNN" for a byte that cannot be shown as it is.
std::string hex_escape(unsigned char byte);

}  // namespace trellis
