// Host-side helpers for the C ABI's strings and sinks. (The SDK's C++ wrapper is
// for plugins only; the host never includes it, so the two never mix.)
#pragma once

#include <string>
#include <string_view>

#include "trellis/abi.h"

namespace trellis::plugins {

inline trellis_str to_str(std::string_view s) { return trellis_str{s.data(), s.size()}; }
inline std::string_view to_view(trellis_str s) {
  return s.size == 0 || s.data == nullptr ? std::string_view{} : std::string_view{s.data, s.size};
}

// A sink that appends whatever a plugin writes to a std::string, capped so a
// misbehaving plugin cannot exhaust the host's memory.
class CollectingSink {
 public:
  explicit CollectingSink(size_t cap = 64u << 20) : cap_(cap), sink_{this, &CollectingSink::write} {}
  CollectingSink(const CollectingSink&) = delete;
  CollectingSink& operator=(const CollectingSink&) = delete;
  trellis_sink* get() { return &sink_; }
  const std::string& str() const { return text_; }
  std::string take() { return std::move(text_); }
  bool overflowed() const { return overflowed_; }

 private:
  static trellis_status write(void* ctx, trellis_str bytes) {
    auto* self = static_cast<CollectingSink*>(ctx);
    try {
      if (self->text_.size() + bytes.size > self->cap_) {
        self->overflowed_ = true;
        return TRELLIS_ERR_LIMIT;
      }
      self->text_.append(to_view(bytes));
      return TRELLIS_OK;
    } catch (...) {
      return TRELLIS_ERR_INTERNAL;
    }
  }
  size_t cap_;
  trellis_sink sink_;
  std::string text_;
  bool overflowed_ = false;
};

}  // namespace trellis::plugins
