// Host start to ready with 20 plugins installed, against the same binary with
// none (target: ratio under 1.2). Two figures:
//  - serve_ready (the figure): `trellis serve` from exec until it
//    prints that it is listening, which it does only after opening the home and
//    loading and initialising every enabled plugin;
//  - cli_plugin_list: the time `trellis plugin list` takes to do the same and
//    answer, the harshest case (a short command with the least fixed cost).
// The first start after installing proves plugins in child processes once; that
// one-off cost is outside both ratios.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace trellis::testing;

namespace {

constexpr const char* kWorkingState = "loaded";

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
  // The figure means something only if the loaded home really holds 20 working
  // plugins and the empty one none.
  auto listed = nlohmann::json::parse(run_trellis(loaded_home, {"plugin", "list", "--json"}, env).out);
  auto empty = nlohmann::json::parse(run_trellis(empty_home, {"plugin", "list", "--json"}, env).out);
  long enabled = 0;
  for (const auto& p : listed) enabled += p.value("state", "") == kWorkingState ? 1 : 0;
  std::printf("plugin_start: %zu plugins listed in the loaded home (%ld %s), %zu in the empty one\n", listed.size(),
              enabled, kWorkingState, empty.size());
  if (listed.size() != 20 || enabled != 20 || !empty.empty()) {
    std::fprintf(stderr, "expected 20 %s plugins and an empty home: %s\n", kWorkingState, listed.dump().c_str());
    return 1;
  }
  // Alternating subject and floor runs, so a burst of load on the machine
  // lands on both rather than on one side.
  trellis::bench::Sample serve_with, serve_without, list_with, list_without;
  auto serve_once = [&](const fs::path& home, trellis::bench::Sample& into) {
    auto t0 = std::chrono::steady_clock::now();
    {
      Server server(home, {}, env);
      into.runs_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
  };
  auto list_once = [&](const fs::path& home, trellis::bench::Sample& into) { into.runs_ms.push_back(run_ms(home, env)); };
  for (int warm = 0; warm < 2; ++warm) {
    trellis::bench::Sample ignored;
    serve_once(loaded_home, ignored);
    serve_once(empty_home, ignored);
    list_once(loaded_home, ignored);
    list_once(empty_home, ignored);
  }
  for (int i = 0; i < 21; ++i) {
    serve_once(loaded_home, serve_with);
    serve_once(empty_home, serve_without);
    list_once(loaded_home, list_with);
    list_once(empty_home, list_without);
  }
  for (auto* s : {&serve_with, &serve_without, &list_with, &list_without}) trellis::bench::summarise(*s);
  trellis::bench::report("plugin_start.serve_ready_20_plugins_vs_none", serve_with, serve_without, 1.2);
  trellis::bench::report("plugin_start.cli_plugin_list_20_plugins_vs_none", list_with, list_without, 1.2);
  return trellis::bench::finish();
}
