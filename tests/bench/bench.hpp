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

inline double time_ms(const std::function<void()>& fn) {
  auto t0 = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Paired {
  Sample subject, floor;
};

// Runs subject and floor in turn, `runs` times each after `warmup` unmeasured
// rounds, so load that comes and goes on a shared machine weighs on both alike.
// `untimed` runs before every call of either (set-up and clean-up).
inline Paired measure_paired(const std::function<void()>& subject, const std::function<void()>& floor, int runs,
                             int warmup, const std::function<void()>& untimed) {
  Paired out;
  for (int i = 0; i < warmup + runs; ++i) {
    untimed();
    double s = time_ms(subject);
    untimed();
    double f = time_ms(floor);
    if (i < warmup) continue;
    out.subject.runs_ms.push_back(s);
    out.floor.runs_ms.push_back(f);
  }
  summarise(out.subject);
  summarise(out.floor);
  return out;
}

// The run's verdict. `make bench` fails when any figure misses its target, a
// measurement was skipped, a floor measured nothing, or a bench could not show
// that it did the work it times: each records a failure here, and every bench's
// main returns finish(), which is non-zero after any of them.
inline int& failures() {
  static int count = 0;
  return count;
}

// Records a failure with its reason (printed on a line of its own, easy to grep).
inline void fail(const std::string& name, const std::string& why) {
  std::printf("BENCH %s: FAILED: %s\n", name.c_str(), why.c_str());
  std::fflush(stdout);
  ++failures();
}

// A measurement that could not be made is a failure too, never a silent pass.
inline void skip(const std::string& name, const std::string& why) {
  std::printf("BENCH %s: SKIPPED: %s\n", name.c_str(), why.c_str());
  std::fflush(stdout);
  ++failures();
}

// What main returns: 0 only when every figure met its target.
inline int finish() { return failures() == 0 ? 0 : 1; }

// One line per benchmark, easy to grep in CI logs:
// BENCH <name>: subject <ms> ms, floor <ms> ms, ratio <x> (target <= <t>) [within target|OVER TARGET]
// (subject and floor are medians; min is the fastest run). A floor or subject
// that measured nothing makes the ratio meaningless: that is a failure, not 0.
inline double report(const std::string& name, const Sample& subject, const Sample& floor, double target) {
  if (floor.median_ms <= 0 || subject.median_ms <= 0 || subject.runs_ms.empty() || floor.runs_ms.empty()) {
    fail(name, "the subject or the floor measured nothing (subject " + std::to_string(subject.median_ms) +
                   " ms, floor " + std::to_string(floor.median_ms) + " ms)");
    return 0;
  }
  double ratio = subject.median_ms / floor.median_ms;
  bool within = ratio <= target;
  std::printf("BENCH %s: subject %.2f ms (min %.2f), floor %.2f ms (min %.2f), ratio %.3f (target <= %.2f) %s\n",
              name.c_str(), subject.median_ms, subject.min_ms, floor.median_ms, floor.min_ms, ratio, target,
              within ? "within target" : "OVER TARGET");
  std::fflush(stdout);
  if (!within) ++failures();
  return ratio;
}

// For a figure whose target is a bound of its own (a rate, a latency): prints
// "within target" or "OVER TARGET" after `line` and counts a miss.
inline void verdict(bool within, const std::string& line) {
  std::printf("%s %s\n", line.c_str(), within ? "within target" : "OVER TARGET");
  std::fflush(stdout);
  if (!within) ++failures();
}

// Peak resident set of all waited-for children so far, in KiB.
inline long children_peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return u.ru_maxrss;
}

}  // namespace trellis::bench
