// A trellis_sink that collects what a plugin writes into a std::string, with an
// optional cap so a misbehaving plugin cannot exhaust the test's memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "trellis/abi.h"

namespace trellis::testing {

class TextSink {
 public:
  // Writes that would take the text past `cap` bytes are refused with
  // TRELLIS_ERR_LIMIT and leave the text as it was.
  explicit TextSink(size_t cap = SIZE_MAX);
  TextSink(const TextSink&) = delete;
  TextSink& operator=(const TextSink&) = delete;

  const trellis_sink* get() const { return &sink_; }
  trellis_sink* get() { return &sink_; }
  const std::string& str() const { return text_; }
  std::string take() { return std::move(text_); }
  bool written() const { return written_; }      // write was called at all
  bool overflowed() const { return overflowed_; }

 private:
  static trellis_status write(void* ctx, trellis_str bytes);
  size_t cap_;
  trellis_sink sink_;
  std::string text_;
  bool written_ = false;
  bool overflowed_ = false;
};

}  // namespace trellis::testing
