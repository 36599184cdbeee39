// What users of every command line try first: --version, -V, help, help COMMAND.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace trellis::testing;

TEST_CASE("trellis --version and -V print the version line that trellis version prints", "[cli][help]") {
  TempDir home;
  auto version = run_trellis(home.path(), {"version"});
  REQUIRE(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::StartsWith("trellis ") && Catch::Contains("plugin ABI"));
  for (const char* flag : {"--version", "-V"}) {
    INFO(flag);
    auto r = run_trellis(home.path(), {flag});
    CHECK(r.exit_code == 0);
    CHECK(r.out == version.out);
  }
}

TEST_CASE("trellis help prints the help of trellis or of the command named", "[cli][help]") {
  TempDir home;
  auto top = run_trellis(home.path(), {"help"});
  CHECK(top.exit_code == 0);
  CHECK(top.out == run_trellis(home.path(), {"--help"}).out);
  auto create = run_trellis(home.path(), {"help", "lrs", "key", "create"});
  CHECK(create.exit_code == 0);
  CHECK(create.out == run_trellis(home.path(), {"lrs", "key", "create", "--help"}).out);
  CHECK_THAT(create.out, Catch::Contains("--scope"));
  auto unknown = run_trellis(home.path(), {"help", "lrs", "nothing"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("no command 'trellis lrs nothing'"));
}

TEST_CASE("plugin enable --help says when a running server applies the change", "[cli][help]") {
  TempDir home;
  for (const char* command : {"enable", "disable"}) {
    INFO(command);
    auto r = run_trellis(home.path(), {"plugin", command, "--help"});
    CHECK(r.exit_code == 0);
    // docs/admin.md: a running server applies a CLI change when it next starts;
    // a change over REST applies at once.
    CHECK_THAT(r.out, Catch::Contains("when it next starts") && Catch::Contains("over REST applies at once"));
  }
}
