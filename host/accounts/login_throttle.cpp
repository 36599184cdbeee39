#include "accounts/login_throttle.hpp"

namespace trellis::accounts {

int LoginThrottle::wait_for(Failures& failures, int limit, Clock::time_point now) {
  while (!failures.empty() && failures.front() + kWindow <= now) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return 0;
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(failures.front() + kWindow - now).count();
  return static_cast<int>(wait) + 1;
}

int LoginThrottle::wait_seconds(const std::string& name, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  int by_name = wait_for(by_name_[name], kPerName, now);
  int by_address = wait_for(by_address_[address], kPerAddress, now);
  // Names nobody is trying any more are forgotten, so guessing many names cannot grow the maps for ever.
  if (by_name_[name].empty()) by_name_.erase(name);
  if (by_address_[address].empty()) by_address_.erase(address);
  return std::max(by_name, by_address);
}

void LoginThrottle::failed(const std::string& name, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  by_name_[name].push_back(now);
  by_address_[address].push_back(now);
}

void LoginThrottle::succeeded(const std::string& name) {
  std::lock_guard lock(mutex_);
  by_name_.erase(name);
}

}  // namespace trellis::accounts
