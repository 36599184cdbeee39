// Reporting a test as skipped. A test that needs something absent (the shared
// conformance set, node, a non-root user) must not pass having checked nothing:
// TRELLIS_SKIP records why and returns from the test, and the test program then
// exits with kSkipExitCode, which ctest shows as Skipped with the reason.
#pragma once

#include <sstream>
#include <string>

namespace trellis::testing {

inline constexpr int kSkipExitCode = 77;

// Thread-safe; defined by catch_main.cpp.
void mark_skipped(const std::string& reason);

}  // namespace trellis::testing

// Use in a TEST_CASE body (it returns from the enclosing function); `why` may
// stream, e.g. TRELLIS_SKIP(dir << " is absent").
#define TRELLIS_SKIP(why)                               \
  do {                                                  \
    std::ostringstream trellis_skip_reason_;            \
    trellis_skip_reason_ << why;                        \
    ::trellis::testing::mark_skipped(trellis_skip_reason_.str()); \
    WARN("skipped: " << trellis_skip_reason_.str());    \
    return;                                             \
  } while (0)
