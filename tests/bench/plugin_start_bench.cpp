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

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
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
  run_ms(empty_home, env);  // create the empty home's database
  const int rounds = 15;
  std::vector<double> with, without;
  for (int i = 0; i < rounds; ++i) {
    without.push_back(run_ms(empty_home, env));
    with.push_back(run_ms(loaded_home, env));
  }
  auto list = run_trellis(loaded_home, {"plugin", "list"}, env).out;
  auto loaded = std::count(list.begin(), list.end(), '\n');
  double a = median(with), b = median(without);
  std::printf("plugin_start: ready with 20 plugins installed (%ld listed): %.1f ms median of %d\n",
              static_cast<long>(loaded), a, rounds);
  std::printf("plugin_start: ready with none: %.1f ms median of %d\n", b, rounds);
  std::printf("plugin_start: ratio %.2f (target < 1.20)%s\n", a / b, a / b < 1.2 ? "" : "  ABOVE TARGET");
  return 0;
}
