// Host-side helpers for the C ABI's strings and sinks. The string conversion is
// the SDK's own (trellis/cpp/strings.hpp, free of the plugin-side exception
// types); the rest of the SDK's C++ wrapper is for plugins only.
#pragma once

#include <string>
#include <string_view>

#include "trellis/abi.h"
#include "trellis/cpp/strings.hpp"

namespace trellis::plugins {

using trellis::to_str;
using trellis::to_view;

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
