#include "plugins/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace trellis::plugins {

RateLimiter::RateLimiter(double per_second) {
  double rate = per_second > 0 ? per_second : 1;
  interval_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate));
  double burst = std::max(1.0, rate);
  tolerance_ = std::chrono::duration_cast<Clock::duration>(interval_ * (burst - 1));
  next_ = Clock::now();
}

bool RateLimiter::acquire(std::chrono::milliseconds max_wait) {
  Clock::time_point allowed_at;
  {
    std::lock_guard lock(mutex_);
    auto now = Clock::now();
    auto pace = std::max(next_, now);
    allowed_at = pace - tolerance_;
    if (allowed_at > now + max_wait) return false;
    next_ = pace + interval_;
  }
  std::this_thread::sleep_until(allowed_at);
  return true;
}

}  // namespace trellis::plugins
