// A per-plugin limit on outgoing HTTP requests (host setting
// plugins.http_rate_per_second, default 10, bursts of as many): a connector that
// loops cannot flood the sites it reads. A request over the limit waits for its
// slot, or is refused with TRELLIS_ERR_LIMIT when the wait would outlast its timeout.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>

namespace trellis::plugins {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  // Where the limiter reads the time and how it waits: the steady clock and a
  // real sleep in the host; a test hands in a manual clock, so the pacing is
  // checked as exact instants instead of against a loaded machine's timing.
  struct Time {
    std::function<Clock::time_point()> now;
    std::function<void(Clock::time_point)> sleep_until;
  };
  static Time real_time();

  explicit RateLimiter(double per_second, Time time = real_time());
  // Waits for a slot; false (and nothing used) when it would come later than `max_wait`.
  bool acquire(std::chrono::milliseconds max_wait);

 private:
  Time time_;
  std::mutex mutex_;
  Clock::duration interval_;
  Clock::duration tolerance_;  // the burst: this much earlier than the steady pace is allowed
  Clock::time_point next_;     // when the steady pace allows the next request
};

}  // namespace trellis::plugins
