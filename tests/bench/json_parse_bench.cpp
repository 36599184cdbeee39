// The LRS's JSON parse: nlohmann/json through the host's bounded parser (what
// POST /xapi/statements runs) against simdjson's DOM parser (Debian's
// libsimdjson-dev) on the same batches of 100 statements, the floor being the
// faster parser. It answers issue 14's question whether simdjson is worth
// adopting: the ratio is what the parse would gain; lrs_ingest_bench reports
// what share of a statement's server time the parse is. Skips the simdjson
// half, saying so, when simdjson is not installed.
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#ifdef TRELLIS_HAVE_SIMDJSON
#include <simdjson.h>
#endif

#include "bench.hpp"
#include "json/bounded_parse.hpp"
#include "lrs_bench_support.hpp"

using namespace trellis;

int main() {
  constexpr int kBatches = 200, kBatch = 100;
  std::vector<std::string> batches;
  size_t bytes = 0;
  for (int b = 0; b < kBatches; ++b) {
    nlohmann::json batch = nlohmann::json::array();
    for (int i = 0; i < kBatch; ++i) batch.push_back(bench::bench_statement(b * kBatch + i));
    batches.push_back(batch.dump());
    bytes += batches.back().size();
  }

  size_t seen = 0;  // consumed so the parses cannot be optimised away
  auto ours = bench::measure(
      [&] {
        for (const auto& text : batches) {
          auto parsed = parse_json(text);
          if (!parsed) std::exit(1);
          seen += parsed->size();
        }
      },
      5, 1);
  double statements = kBatches * kBatch;
  double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
#ifdef TRELLIS_HAVE_SIMDJSON
  simdjson::dom::parser parser;
  std::vector<simdjson::padded_string> padded;
  for (const auto& text : batches) padded.emplace_back(text);
  auto floor = bench::measure(
      [&] {
        for (const auto& text : padded) {
          simdjson::dom::array statements_array;
          if (parser.parse(text).get_array().get(statements_array)) std::exit(1);
          seen += statements_array.size();
        }
      },
      5, 1);
  std::printf("BENCH json.parse: nlohmann (bounded) %.0f statements/s (%.0f MiB/s), simdjson %.0f statements/s "
              "(%.0f MiB/s); seen %zu\n",
              statements / (ours.median_ms / 1000), mib / (ours.median_ms / 1000),
              statements / (floor.median_ms / 1000), mib / (floor.median_ms / 1000), seen);
  // No target: this measures a candidate for a decision, it gates nothing.
  std::printf("BENCH json.parse.ratio: nlohmann %.2f ms, simdjson %.2f ms (floor), ratio %.2f (no target)\n",
              ours.median_ms, floor.median_ms, ours.median_ms / floor.median_ms);
#else
  std::printf("BENCH json.parse: nlohmann (bounded) %.0f statements/s (%.0f MiB/s); seen %zu\n",
              statements / (ours.median_ms / 1000), mib / (ours.median_ms / 1000), seen);
  bench::skip("json.parse.ratio", "libsimdjson-dev is not installed: TRELLIS_BENCH_EXTRAS=1 .ci/install-deps");
#endif
  // Every parse (one warm-up and five measured, by each parser) saw every statement.
#ifdef TRELLIS_HAVE_SIMDJSON
  const size_t parsers = 2;
#else
  const size_t parsers = 1;
#endif
  if (seen != parsers * 6 * static_cast<size_t>(statements))
    bench::fail("json.parse", std::to_string(seen) + " statements seen, not " +
                                  std::to_string(parsers * 6 * static_cast<size_t>(statements)));
  return bench::finish();
}
