// Records export: 1,000,000 stored statements (TRELLIS_BENCH_STATEMENTS to
// change) exported to JSONL by `trellis records export`, against the floor of
// `sqlite3 -json` dumping the same rows to a file. Target: at most 1.5x the floor,
// with the export's peak memory flat (far below the size of what it wrote).
#include <cstdlib>
#include <fstream>

#include "app/runtime.hpp"
#include "bench.hpp"
#include "lrs/statement_prep.hpp"
#include "lrs_bench_support.hpp"
#include "records/statement_store.hpp"

using namespace trellis;

int main() {
  int total = 1000000;
  if (const char* n = std::getenv("TRELLIS_BENCH_STATEMENTS")) total = std::atoi(n);
  testing::TempDir dir;
  auto home = dir / "home";
  std::filesystem::path db_file;
  {
    auto rt = Runtime::open(home);
    if (!rt) return 1;
    db_file = rt.value()->home.database();
    nlohmann::json authority = {{"objectType", "Agent"}, {"account", {{"homePage", "urn:bench"}, {"name", "bench"}}}};
    for (int base = 0; base < total; base += 1000) {
      std::vector<records::NewStatement> batch;
      for (int i = base; i < std::min(total, base + 1000); ++i)
        batch.push_back(lrs::prepare_statement(bench::bench_statement(i), xapi::XapiVersion::v1_0, authority));
      if (auto ok = records::insert_statements(rt.value()->db, std::move(batch), {}, nullptr); !ok) {
        std::fprintf(stderr, "seeding failed: %s\n", ok.error().message.c_str());
        return 1;
      }
    }
  }
  auto out = dir / "export.jsonl";
  // Memory is flat when exporting 20x more costs no more RSS: first a 1/20 export
  // (one verb of the twenty), then the full one.
  auto small = testing::run_trellis(home, {"records", "export", "--format", "jsonl", "--verb",
                                           "http://example.com/verbs/v0", "-o", (dir / "small.jsonl").string()});
  if (small.exit_code != 0) return 1;
  long small_rss_kib = bench::children_peak_rss_kib();
  auto subject = bench::measure(
      [&] {
        auto r = testing::run_trellis(home, {"records", "export", "--format", "jsonl", "-o", out.string()});
        if (r.exit_code != 0) {
          std::fprintf(stderr, "export failed: %s\n", r.err.c_str());
          std::exit(1);
        }
      },
      3, 1);
  // Only export runs have been children so far: this is the exports' own peak.
  long export_rss_kib = bench::children_peak_rss_kib();
  auto written = std::filesystem::file_size(out);
  {
    // The export timed must hold every statement, one line each.
    std::ifstream in(out);
    size_t lines = 0;
    for (std::string line; std::getline(in, line);) ++lines;
    if (lines != static_cast<size_t>(total)) {
      std::fprintf(stderr, "the export holds %zu lines for %d statements\n", lines, total);
      return 1;
    }
  }

  auto floor_out = dir / "floor.json";
  std::string floor_cmd = "sqlite3 -json '" + db_file.string() + "' 'SELECT statement FROM statements ORDER BY seq' > '" +
                          floor_out.string() + "'";
  auto floor = bench::measure(
      [&] {
        auto r = testing::run({"/bin/sh", "-c", floor_cmd});
        if (r.exit_code != 0) {
          std::fprintf(stderr, "sqlite3 failed: %s\n", r.err.c_str());
          std::exit(1);
        }
      },
      3, 1);
  bench::report("records.export.jsonl (" + std::to_string(total) + " statements)", subject, floor, 1.5);
  double growth = static_cast<double>(export_rss_kib) / static_cast<double>(std::max(1L, small_rss_kib));
  char line[256];
  std::snprintf(line, sizeof line,
                "BENCH records.export.memory: peak RSS %ld KiB writing %.1f MiB, %ld KiB for a 1/20 export, ratio %.2f "
                "(target <= 1.25)",
                export_rss_kib, static_cast<double>(written) / (1024.0 * 1024.0), small_rss_kib, growth);
  bench::verdict(growth <= 1.25, line);
  return bench::finish();
}
