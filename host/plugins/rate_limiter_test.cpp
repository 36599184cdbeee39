// The per-plugin HTTP rate limit: a burst passes at once, then requests are paced.
#include <catch2/catch.hpp>

#include <chrono>

#include "plugins/rate_limiter.hpp"

using trellis::plugins::RateLimiter;
using Clock = std::chrono::steady_clock;

TEST_CASE("rate limiter: a burst of `rate` passes, then one request per interval", "[plugins]") {
  RateLimiter limit(20);  // 20/s: bursts of 20, then one every 50 ms
  auto t0 = Clock::now();
  for (int i = 0; i < 20; ++i) REQUIRE(limit.acquire(std::chrono::milliseconds(1000)));
  CHECK(Clock::now() - t0 < std::chrono::milliseconds(40));
  for (int i = 0; i < 4; ++i) REQUIRE(limit.acquire(std::chrono::milliseconds(1000)));
  CHECK(Clock::now() - t0 >= std::chrono::milliseconds(190));
}

TEST_CASE("rate limiter: a request that would wait past its timeout is refused and uses no slot", "[plugins]") {
  RateLimiter limit(2);  // bursts of 2, then one every 500 ms
  REQUIRE(limit.acquire(std::chrono::milliseconds(0)));
  REQUIRE(limit.acquire(std::chrono::milliseconds(0)));
  CHECK_FALSE(limit.acquire(std::chrono::milliseconds(10)));
  CHECK_FALSE(limit.acquire(std::chrono::milliseconds(10)));
  auto t0 = Clock::now();
  CHECK(limit.acquire(std::chrono::milliseconds(2000)));
  CHECK(Clock::now() - t0 <= std::chrono::milliseconds(600));
}
