// Counts failed credential checks per name (a client address, a key) and says
// when a name has failed too often. Each name has a bucket of `burst` failures
// that refills by one every `refill_every`; an empty bucket means "throttled"
// until the next refill. Kept as one time point per name (the moment its bucket
// is full again, as in GCRA), so a name that has not failed lately costs nothing
// and is dropped. Not thread-safe: its owner locks.
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

namespace trellis::lrs {

class FailureThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  FailureThrottle(int burst, Clock::duration refill_every);

  // How long `name` must wait before a failure would be allowed; zero when it
  // may try now.
  Clock::duration wait_before_next(const std::string& name, Clock::time_point now) const;

  // Takes one failure out of `name`'s bucket.
  void charge(const std::string& name, Clock::time_point now);

  // Gives back what one charge took (an attempt charged before it was known to
  // fail, that then passed).
  void refund(const std::string& name, Clock::time_point now);

  size_t tracked() const { return full_at_.size(); }

 private:
  void forget_refilled(Clock::time_point now);

  Clock::duration refill_every_;
  Clock::duration capacity_;  // burst * refill_every_: how far ahead a bucket may run
  std::unordered_map<std::string, Clock::time_point> full_at_;
  size_t sweep_at_;  // the number of names at which refilled ones are dropped
};

}  // namespace trellis::lrs
