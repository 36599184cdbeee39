// A content fingerprint for change detection (not for security): stable across
// builds and platforms, unlike std::hash, because it is kept in sync state.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace trellis::connector_kit {

class Fingerprint {
 public:
  Fingerprint& add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      state_ ^= c;
      state_ *= 0x100000001b3ULL;
    }
    // A separator, so ("ab","c") and ("a","bc") differ.
    state_ ^= 0xff;
    state_ *= 0x100000001b3ULL;
    return *this;
  }
  std::string hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(state_));
    return out;
  }

 private:
  uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace trellis::connector_kit
