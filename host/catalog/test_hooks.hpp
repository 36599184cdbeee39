// Crash points for the atomicity tests: when TRELLIS_TEST_IMPORT_KILL_AT names
// `step`, the process kills itself (SIGKILL, no cleanup of any kind) right there.
// Steps: "extracting", "extracted", "renamed", "committed".
#pragma once

namespace trellis::catalog {

void test_hook(const char* step);

}  // namespace trellis::catalog
