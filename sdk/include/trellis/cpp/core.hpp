// C++ conveniences over the C ABI, compiled into the plugin (never into the host's
// side of the boundary). Header-only, C++17 or later.
#ifndef TRELLIS_CPP_CORE_HPP
#define TRELLIS_CPP_CORE_HPP

#include <stdexcept>
#include <string>
#include <string_view>

#include "trellis/abi.h"
#include "trellis/cpp/strings.hpp"

namespace trellis {
// Everything the SDK's C++ wrapper defines lives in this inline namespace, so its
// mangled names can never meet a same-named type of the program that links it
// (the host's own trellis::Error is a different struct; a first-party plugin's
// tests link both, and one inline destructor silently replaced the other).
inline namespace sdk1 {

// Thrown inside a plugin to return a specific status; the trampolines turn it,
// and any other exception, into a status plus message at the boundary.
class Error : public std::runtime_error {
 public:
  Error(trellis_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  trellis_status status() const noexcept { return status_; }

 private:
  trellis_status status_;
};

class InvalidInput : public Error {
 public:
  explicit InvalidInput(const std::string& message) : Error(TRELLIS_ERR_INVALID_INPUT, message) {}
};

// A trellis_sink that appends to a std::string.
class StringSink {
 public:
  StringSink() : sink_{this, &StringSink::write} {}
  StringSink(const StringSink&) = delete;
  StringSink& operator=(const StringSink&) = delete;
  const trellis_sink* get() const { return &sink_; }
  std::string& str() { return text_; }

 private:
  static trellis_status write(void* ctx, trellis_str bytes) {
    try {
      static_cast<StringSink*>(ctx)->text_.append(to_view(bytes));
      return TRELLIS_OK;
    } catch (...) {
      return TRELLIS_ERR_INTERNAL;
    }
  }
  trellis_sink sink_;
  std::string text_;
};

inline void write_to(const trellis_sink* sink, std::string_view text) {
  if (sink != nullptr && sink->write != nullptr) sink->write(sink->ctx, to_str(text));
}

class Cancel {
 public:
  explicit Cancel(const trellis_cancel* c) : c_(c) {}
  bool requested() const { return c_ != nullptr && c_->is_cancelled != nullptr && c_->is_cancelled(c_->ctx) != 0; }
  // Throws so deep loops can stop with one line.
  void check() const {
    if (requested()) throw Error(TRELLIS_ERR_CANCELLED, "cancelled");
  }

 private:
  const trellis_cancel* c_;
};

}  // namespace sdk1
}  // namespace trellis

#endif
