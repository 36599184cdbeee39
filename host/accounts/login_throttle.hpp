// Login rate limiting, in the process: after 5 failed logins for one name, or
// 20 from one address, within 15 minutes, further tries are refused (429 with
// Retry-After) until the oldest failure leaves the window. A success clears
// the name's failures. The clock is the caller's, so tests need no sleeping.
// Several hosts each keep their own counts (a shared store is issue 19's).
#pragma once

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace trellis::accounts {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kPerName = 5;
  static constexpr int kPerAddress = 20;
  static constexpr std::chrono::minutes kWindow{15};

  // Seconds until a try is allowed; 0: allowed now.
  int wait_seconds(const std::string& name, const std::string& address, Clock::time_point now);
  void failed(const std::string& name, const std::string& address, Clock::time_point now);
  void succeeded(const std::string& name);

 private:
  using Failures = std::deque<Clock::time_point>;
  static int wait_for(Failures& failures, int limit, Clock::time_point now);
  std::mutex mutex_;
  std::map<std::string, Failures> by_name_;
  std::map<std::string, Failures> by_address_;
};

}  // namespace trellis::accounts
