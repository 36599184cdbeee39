#include "plugins/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace trellis::plugins {

RateLimiter::Time RateLimiter::real_time() {
  return Time{[] { return Clock::now(); }, [](Clock::time_point at) { std::this_thread::sleep_until(at); }};
}

RateLimiter::RateLimiter(double per_second, Time time) : time_(std::move(time)) {
  double rate = per_second > 0 ? per_second : 1;
  interval_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate));
  double burst = std::max(1.0, rate);
  tolerance_ = std::chrono::duration_cast<Clock::duration>(interval_ * (burst - 1));
  next_ = time_.now();
}

bool RateLimiter::acquire(std::chrono::milliseconds max_wait) {
  Clock::time_point allowed_at;
  Clock::time_point now;
  {
    std::lock_guard lock(mutex_);
    now = time_.now();
    auto pace = std::max(next_, now);
    allowed_at = pace - tolerance_;
    if (allowed_at > now + max_wait) return false;
    next_ = pace + interval_;
  }
  if (allowed_at > now) time_.sleep_until(allowed_at);
  return true;
}

}  // namespace trellis::plugins
