// The one Catch2 main every test executable links. Catch2 2.x has no SKIP, so a
// test that cannot check what it claims calls TRELLIS_SKIP (test_skip.hpp) and
// this main turns "passed, but something skipped" into exit code 77, which ctest
// reports as Skipped (SKIP_RETURN_CODE in TrellisTesting.cmake), never Passed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "test_skip.hpp"

namespace trellis::testing {
namespace {
std::mutex skip_mutex;
std::vector<std::string>& skip_reasons() {
  static std::vector<std::string> reasons;
  return reasons;
}
}  // namespace

void mark_skipped(const std::string& reason) {
  std::lock_guard lock(skip_mutex);
  skip_reasons().push_back(reason);
}
}  // namespace trellis::testing

int main(int argc, char* argv[]) {
  int result = Catch::Session().run(argc, argv);
  auto& reasons = trellis::testing::skip_reasons();
  if (result != 0 || reasons.empty()) return result;
  for (const auto& reason : reasons) std::fprintf(stdout, "SKIPPED: %s\n", reason.c_str());
  std::fflush(stdout);
  return trellis::testing::kSkipExitCode;
}
