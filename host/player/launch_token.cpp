#include "player/launch_token.hpp"

#include <openssl/rand.h>

#include "core/sha256.hpp"

namespace trellis::player {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenChars = 43;  // 256 bits in 6-bit characters, no padding

std::string base64url(const unsigned char* data, size_t size) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

}  // namespace

NewToken new_launch_token() {
  unsigned char bytes[kTokenBytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no randomness: no safe token can exist
  std::string token = base64url(bytes, sizeof bytes);
  return {token, token_hash(token)};
}

std::string token_hash(std::string_view token) { return sha256_hex(token); }

bool looks_like_token(std::string_view text) {
  if (text.size() != kTokenChars) return false;
  for (char c : text)
    if (std::string_view(kAlphabet).find(c) == std::string_view::npos) return false;
  return true;
}

}  // namespace trellis::player
