#include "core/ids.hpp"

#include <openssl/rand.h>

#include <cstdlib>

#include "core/hex.hpp"

namespace trellis {

std::string new_id(const char* prefix) {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // RAND_bytes failing is exotic; ids only need to be unique, not secret.
    for (auto& b : bytes) b = static_cast<unsigned char>(std::rand());
  }
  return prefix + hex_encode(bytes, sizeof bytes);
}

}  // namespace trellis
