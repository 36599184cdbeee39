#include "trellis/testing/text_sink.hpp"

#include "trellis/cpp/core.hpp"

namespace trellis::testing {

TextSink::TextSink(size_t cap) : cap_(cap), sink_{this, &TextSink::write} {}

trellis_status TextSink::write(void* ctx, trellis_str bytes) {
  auto* self = static_cast<TextSink*>(ctx);
  self->written_ = true;
  if (bytes.size > self->cap_ - self->text_.size()) {
    self->overflowed_ = true;
    return TRELLIS_ERR_LIMIT;
  }
  try {
    self->text_.append(to_view(bytes));
    return TRELLIS_OK;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

}  // namespace trellis::testing
