#include "trellis/testing/cancel_flag.hpp"

namespace trellis::testing {

CancelFlag::CancelFlag() : token_{this, &CancelFlag::is_cancelled} {}

CancelFlag::~CancelFlag() { stop_timer(); }

int32_t CancelFlag::is_cancelled(void* ctx) {
  auto* self = static_cast<CancelFlag*>(ctx);
  ++self->polls_;
  return self->raised_.load() ? 1 : 0;
}

void CancelFlag::cancel_after(std::chrono::milliseconds delay) {
  stop_timer();
  timer_ = std::thread([this, delay] {
    std::unique_lock lock(mutex_);
    if (!wake_.wait_for(lock, delay, [this] { return stopping_; })) raised_ = true;
  });
}

void CancelFlag::reset() {
  stop_timer();
  raised_ = false;
  polls_ = 0;
}

void CancelFlag::stop_timer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (timer_.joinable()) timer_.join();
  std::lock_guard lock(mutex_);
  stopping_ = false;
}

}  // namespace trellis::testing
