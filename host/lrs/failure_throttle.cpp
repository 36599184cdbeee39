#include "lrs/failure_throttle.hpp"

#include <algorithm>

namespace trellis::lrs {
namespace {

// Names are only dropped in sweeps, so memory follows the failures of the last
// refill period. Each failure cost a PBKDF2 verification, which bounds how many
// names an attacker can add per second.
constexpr size_t kFirstSweep = 1024;

}  // namespace

FailureThrottle::FailureThrottle(int burst, Clock::duration refill_every)
    : refill_every_(refill_every), capacity_(refill_every * std::max(1, burst)), sweep_at_(kFirstSweep) {}

FailureThrottle::Clock::duration FailureThrottle::wait_before_next(const std::string& name,
                                                                   Clock::time_point now) const {
  auto it = full_at_.find(name);
  if (it == full_at_.end()) return Clock::duration::zero();
  // One more failure would move the bucket's full time `refill_every_` further;
  // it is allowed while that stays within the bucket's capacity.
  auto after = std::max(it->second, now) + refill_every_;
  auto over = after - (now + capacity_);
  return std::max(over, Clock::duration::zero());
}

void FailureThrottle::charge(const std::string& name, Clock::time_point now) {
  auto [it, added] = full_at_.try_emplace(name, now);
  it->second = std::max(it->second, now) + refill_every_;
  if (added && full_at_.size() >= sweep_at_) forget_refilled(now);
}

void FailureThrottle::refund(const std::string& name, Clock::time_point now) {
  auto it = full_at_.find(name);
  if (it == full_at_.end()) return;
  it->second -= refill_every_;
  if (it->second <= now) full_at_.erase(it);
}

void FailureThrottle::forget_refilled(Clock::time_point now) {
  std::erase_if(full_at_, [now](const auto& entry) { return entry.second <= now; });
  sweep_at_ = std::max(kFirstSweep, 2 * full_at_.size());
}

}  // namespace trellis::lrs
