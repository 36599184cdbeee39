// The per-plugin HTTP rate limit: a burst passes at once, then requests are paced.
// The limiter runs on a manual clock here, so every instant is exact and a loaded
// machine cannot move it.
#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

#include "plugins/rate_limiter.hpp"

using trellis::plugins::RateLimiter;
using namespace std::chrono_literals;

namespace {

// A clock that moves only when the limiter sleeps; it records each wait.
struct ManualClock {
  RateLimiter::Clock::time_point now{std::chrono::hours(1)};
  std::vector<RateLimiter::Clock::duration> waits;

  RateLimiter::Time time() {
    return RateLimiter::Time{[this] { return now; },
                             [this](RateLimiter::Clock::time_point at) {
                               waits.push_back(at - now);
                               now = at;
                             }};
  }
  std::chrono::milliseconds since(RateLimiter::Clock::time_point start) const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now - start);
  }
};

}  // namespace

TEST_CASE("rate limiter: a burst of `rate` passes, then one request per interval", "[plugins]") {
  ManualClock clock;
  auto t0 = clock.now;
  RateLimiter limit(20, clock.time());  // 20/s: bursts of 20, then one every 50 ms
  for (int i = 0; i < 20; ++i) REQUIRE(limit.acquire(1000ms));
  CHECK(clock.since(t0) == 0ms);
  CHECK(clock.waits.empty());
  for (int i = 1; i <= 4; ++i) {
    REQUIRE(limit.acquire(1000ms));
    CHECK(clock.since(t0) == i * 50ms);
  }
  CHECK(clock.waits.size() == 4);
}

TEST_CASE("rate limiter: a request that would wait past its timeout is refused and uses no slot", "[plugins]") {
  ManualClock clock;
  auto t0 = clock.now;
  RateLimiter limit(2, clock.time());  // bursts of 2, then one every 500 ms
  REQUIRE(limit.acquire(0ms));
  REQUIRE(limit.acquire(0ms));
  CHECK_FALSE(limit.acquire(10ms));
  CHECK_FALSE(limit.acquire(499ms));
  CHECK(clock.waits.empty());  // a refusal does not wait either
  // The refusals took no slot: the next request waits exactly one interval.
  CHECK(limit.acquire(2000ms));
  CHECK(clock.since(t0) == 500ms);
  // Time that passes on its own refills the burst.
  clock.now += 10s;
  auto t1 = clock.now;
  REQUIRE(limit.acquire(0ms));
  REQUIRE(limit.acquire(0ms));
  CHECK(clock.since(t1) == 0ms);
}

TEST_CASE("rate limiter: the real clock paces real requests", "[plugins]") {
  // One smoke check on the steady clock: the pause happens (no upper bound, so a
  // loaded machine cannot fail it).
  RateLimiter limit(20);
  auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 21; ++i) REQUIRE(limit.acquire(1000ms));
  CHECK(RateLimiter::Clock::now() - t0 >= 49ms);
}
