// For the one caller that draws on stderr between log lines (the CLI's
// progress line, cli/progress_line.hpp): kept out of log.hpp, which every file
// includes and which need not know.
#pragma once

#include <functional>

namespace trellis::log {

// Runs under the log's lock before each line is written (empty: nothing): the
// CLI clears its progress line there, so a log line never lands inside it.
void set_before_line(std::function<void()> hook);

}  // namespace trellis::log
