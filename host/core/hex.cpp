#include "core/hex.hpp"

namespace trellis {
namespace {
constexpr char kDigits[] = "0123456789abcdef";
}

std::string hex_encode(const unsigned char* data, std::size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

std::string hex_escape(unsigned char byte) { return {'\\', 'x', kDigits[byte >> 4], kDigits[byte & 15]}; }

}  // namespace trellis
