// Host start to ready with 20 plugins installed, against the same binary with
// none: the time `trellis plugin list` takes to open the home, load (and init)
// every enabled plugin and answer. Prints both medians and their ratio (target
// under 1.2). The first start after installing proves plugins in child processes
// once; that one-off cost is reported separately, not in the ratio.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "bench.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace trellis::testing;

namespace {

double run_ms(const fs::path& home, const std::map<std::string, std::string>& env) {
  auto start = std::chrono::steady_clock::now();
  auto r = run_trellis(home, {"plugin", "list", "--json"}, env);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (r.exit_code != 0) {
    std::fprintf(stderr, "trellis plugin list failed: %s\n", r.err.c_str());
    std::exit(1);
  }
  return ms;
}

}  // namespace

int main() {
  TempDir dir;
  std::map<std::string, std::string> env = {{"TRELLIS_PLUGIN_PATH", (dir / "no-bundled").string()}};
  auto loaded_home = dir / "with-20", empty_home = dir / "with-none";
  for (int i = 1; i <= 20; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "bench-%02d", i);
    auto r = run_trellis(loaded_home, {"plugin", "install", "--allow-unsigned", (fs::path(BENCH_PLUGIN_DIR) / id).string()}, env);
    if (r.exit_code != 0) {
      std::fprintf(stderr, "install %s failed: %s\n", id, r.err.c_str());
      return 1;
    }
  }
  run_trellis(empty_home, {"plugin", "list"}, env);   // create the empty home's database
  run_trellis(loaded_home, {"plugin", "list"}, env);  // record every plugin as loaded
  auto list = run_trellis(loaded_home, {"plugin", "list"}, env).out;
  auto listed = std::count(list.begin(), list.end(), '\n');
  std::printf("plugin_start: %ld plugins listed in the loaded home\n", static_cast<long>(listed));
  auto with = trellis::bench::measure([&] { run_ms(loaded_home, env); }, 15, 2);
  auto without = trellis::bench::measure([&] { run_ms(empty_home, env); }, 15, 2);
  trellis::bench::report("plugin_start.20_plugins_vs_none", with, without, 1.2);
  return 0;
}
