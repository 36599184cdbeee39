// Waiting in tests. A wait loop without a deadline turns a failure into a hang
// that ctest kills ten minutes later with no message; `eventually` gives up after
// its limit and says so, so the test fails at once, naming what never happened.
#pragma once

#include <chrono>
#include <thread>

namespace trellis::testing {

// Polls `condition` every `step` until it holds (true) or `limit` passes (false).
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::seconds(30),
                std::chrono::milliseconds step = std::chrono::milliseconds(2)) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(step);
  }
  return true;
}

}  // namespace trellis::testing
