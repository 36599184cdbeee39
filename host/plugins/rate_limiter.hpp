// A per-plugin limit on outgoing HTTP requests (host setting
// plugins.http_rate_per_second, default 10, bursts of as many): a connector that
// loops cannot flood the sites it reads. A request over the limit waits for its
// slot, or is refused with TRELLIS_ERR_LIMIT when the wait would outlast its timeout.
#pragma once

#include <chrono>
#include <mutex>

namespace trellis::plugins {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(double per_second);
  // Waits for a slot; false (and nothing used) when it would come later than `max_wait`.
  bool acquire(std::chrono::milliseconds max_wait);

 private:
  std::mutex mutex_;
  Clock::duration interval_;
  Clock::duration tolerance_;  // the burst: this much earlier than the steady pace is allowed
  Clock::time_point next_;     // when the steady pace allows the next request
};

}  // namespace trellis::plugins
