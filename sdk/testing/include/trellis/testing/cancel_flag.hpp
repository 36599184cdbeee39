// The per-call cancellation a test hands a plugin: a flag the test raises now
// or after a delay (a timer thread), lowers again, and whose polls it counts.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "trellis/abi.h"

namespace trellis::testing {

class CancelFlag {
 public:
  CancelFlag();
  ~CancelFlag();
  CancelFlag(const CancelFlag&) = delete;
  CancelFlag& operator=(const CancelFlag&) = delete;

  const trellis_cancel* token() const { return &token_; }
  void cancel_now() { raised_ = true; }
  void cancel_after(std::chrono::milliseconds delay);
  // Stops a pending timer, lowers the flag and zeroes the poll count.
  void reset();
  bool raised() const { return raised_.load(); }
  int polls() const { return polls_.load(); }

 private:
  static int32_t is_cancelled(void* ctx);
  void stop_timer();
  std::atomic<bool> raised_{false};
  std::atomic<int> polls_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread timer_;
  trellis_cancel token_;
};

}  // namespace trellis::testing
