// The progress of long work (an import, an export) on the terminal: one line on
// stderr, rewritten in place with '\r' as the work reports its steps (the same
// steps a job shows over HTTP), cleared when the work ends. Only when stderr is
// a terminal and the command prints no JSON: scripts and pipes see exactly what
// they saw before.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/progress.hpp"

namespace trellis::cli {

class ProgressLine {
 public:
  // Draws only when `wanted` and stderr is a terminal. While it draws, a log
  // line (another thread's, say) clears it first (log::set_before_line).
  explicit ProgressLine(bool wanted);
  ~ProgressLine();  // clears what it drew and leaves the log alone again
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool drawing() const { return drawing_; }
  // "step", "step 12/40" (total known) or "step 12" (only a count); redrawn at
  // once for a new step or a step's end, else at most ten times a second.
  void show(std::string_view step, uint64_t done, uint64_t total);
  // Removes the line, so what the command prints next starts on a clean line.
  void clear();
  // show() as domain code calls it; empty when not drawing, so the work does
  // not even format its steps. Valid while this object is.
  ProgressFn callback();

 private:
  void draw(const std::string& text);
  void erase();  // with mutex_ held

  std::mutex mutex_;  // show() runs on the work's thread, the log's hook on any
  bool drawing_ = false;
  size_t width_ = 80;  // the terminal's columns: a longer line would wrap and '\r' not reach its start
  size_t shown_ = 0;   // characters on the line now
  std::string last_step_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace trellis::cli
