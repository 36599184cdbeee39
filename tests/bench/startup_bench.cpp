// Foundation benchmark: opening a home (database open, schema check, migrations
// already applied) through the real CLI, against the floor of starting the sqlite3
// shell on the same database and running one query.
#include <cstdlib>
#include <string>

#include "bench.hpp"
#include "support.hpp"

using namespace trellis;

int main() {
  testing::TempDir home;
  auto first = testing::run_trellis(home.path(), {"db", "status"});
  if (first.exit_code != 0) {
    std::fprintf(stderr, "trellis db status failed: %s\n", first.err.c_str());
    return 1;
  }
  std::string db = (home.path() / "trellis.db").string();
  // A run that fails is not a start-up: it stops the measurement.
  auto must = [](const testing::ProcessResult& r, const char* what) {
    if (r.exit_code == 0) return;
    std::fprintf(stderr, "%s failed (exit %d): %s\n", what, r.exit_code, r.err.c_str());
    std::exit(1);
  };
  auto subject = bench::measure([&] { must(testing::run_trellis(home.path(), {"db", "status"}), "trellis db status"); }, 15, 2);
  auto floor = bench::measure(
      [&] { must(testing::run({"/usr/bin/sqlite3", db, "SELECT count(*) FROM trellis_schema;"}), "sqlite3"); }, 15, 2);
  bench::report("startup.open_home", subject, floor, 3.0);
  return bench::finish();
}
