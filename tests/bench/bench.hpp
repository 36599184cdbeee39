// The benchmark harness every `tests/bench/` program uses. A benchmark measures
// its subject and a floor (the least the same work could cost, e.g. `unzip` for an
// import) in the same run, on the same machine, and reports their ratio. Absolute
// times are printed for context only; nothing here is a pass/fail timing test.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace trellis::bench {

struct Sample {
  double median_ms = 0;
  double min_ms = 0;
  std::vector<double> runs_ms;
};

// Fills median and min from runs_ms (for benchmarks that collect runs themselves).
inline void summarise(Sample& s) {
  if (s.runs_ms.empty()) return;
  auto sorted = s.runs_ms;
  std::sort(sorted.begin(), sorted.end());
  s.median_ms = sorted[sorted.size() / 2];
  s.min_ms = sorted.front();
}

// Runs `fn` `warmup` times unmeasured, then `runs` times; reports median and min.
inline Sample measure(const std::function<void()>& fn, int runs = 5, int warmup = 1) {
  for (int i = 0; i < warmup; ++i) fn();
  Sample s;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    s.runs_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  auto sorted = s.runs_ms;
  std::sort(sorted.begin(), sorted.end());
  s.median_ms = sorted[sorted.size() / 2];
  s.min_ms = sorted.front();
  return s;
}

// One line per benchmark, easy to grep in CI logs:
// BENCH <name>: subject <ms> ms, floor <ms> ms, ratio <x> (target <= <t>) [within target|OVER TARGET]
inline double report(const std::string& name, const Sample& subject, const Sample& floor, double target) {
  double ratio = floor.median_ms > 0 ? subject.median_ms / floor.median_ms : 0;
  std::printf("BENCH %s: subject %.2f ms (min %.2f), floor %.2f ms (min %.2f), ratio %.3f (target <= %.2f) %s\n",
              name.c_str(), subject.median_ms, subject.min_ms, floor.median_ms, floor.min_ms, ratio, target,
              ratio <= target ? "within target" : "OVER TARGET");
  std::fflush(stdout);
  return ratio;
}

// Peak resident set of all waited-for children so far, in KiB.
inline long children_peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return u.ru_maxrss;
}

}  // namespace trellis::bench
