// Runs a child process and collects its output, so plugin code that may crash
// runs where a crash cannot take the host down.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace trellis::plugins {

struct ChildOutcome {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that ended it, 0 otherwise
  bool timed_out = false;
  std::string out, err;
};

// argv[0] is a path. Kills the child after `timeout_seconds`.
Result<ChildOutcome> run_child(const std::vector<std::string>& argv, int timeout_seconds);

}  // namespace trellis::plugins
