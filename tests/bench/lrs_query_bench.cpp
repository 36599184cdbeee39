// LRS query: with 1,000,000 statements stored (TRELLIS_BENCH_STATEMENTS to
// change), GET /xapi/statements filtered by agent and verb. Reports the p99
// latency (target < 50 ms) and its ratio to the floor: the same lookup straight
// against SQLite's (actor, verb) index.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>

#include "app/runtime.hpp"
#include "bench.hpp"
#include "lrs/statement_prep.hpp"
#include "lrs_bench_support.hpp"
#include "records/statement_store.hpp"

using namespace trellis;

namespace {

double p99(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(v.size() * 0.99))];
}

std::string url_encode(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

int main() {
  int total = 1000000;
  if (const char* n = std::getenv("TRELLIS_BENCH_STATEMENTS")) total = std::atoi(n);
  testing::TempDir home;
  auto key = bench::make_key(home.path());
  {
    auto rt = Runtime::open(home.path());
    if (!rt) return 1;
    nlohmann::json authority = {{"objectType", "Agent"}, {"account", {{"homePage", "urn:bench"}, {"name", "bench"}}}};
    for (int base = 0; base < total; base += 1000) {
      std::vector<records::NewStatement> batch;
      for (int i = base; i < std::min(total, base + 1000); ++i)
        batch.push_back(lrs::prepare_statement(bench::bench_statement(i, 10000, 20), xapi::XapiVersion::v1_0, authority));
      auto ok = records::insert_statements(rt.value()->db, std::move(batch), {}, nullptr);
      if (!ok) {
        std::fprintf(stderr, "seeding failed: %s\n", ok.error().message.c_str());
        return 1;
      }
    }
  }
  testing::Server server(home.path());
  httplib::Client client("127.0.0.1", server.port());
  client.set_keep_alive(true);
  httplib::Headers h = {{"Authorization", key.basic()}, {"X-Experience-API-Version", "1.0.3"}};
  std::mt19937 rng(42);
  constexpr int kQueries = 300;
  std::vector<std::pair<int, int>> picks;
  for (int i = 0; i < kQueries; ++i) picks.emplace_back(rng() % 10000, rng() % 20);

  client.Get("/xapi/statements?limit=1", h);  // the key's first check pays PBKDF2 once
  std::vector<double> http_ms;
  for (auto [agent, verb] : picks) {
    std::string a = R"({"mbox":"mailto:learner)" + std::to_string(agent) + R"(@example.com"})";
    std::string path = "/xapi/statements?agent=" + url_encode(a) +
                       "&verb=" + url_encode("http://example.com/verbs/v" + std::to_string(verb));
    auto t0 = std::chrono::steady_clock::now();
    auto r = client.Get(path, h);
    http_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!r || r->status != 200) {
      std::fprintf(stderr, "query failed\n");
      return 1;
    }
  }

  sqlite3* db = nullptr;
  sqlite3_open((home.path() / "trellis.db").c_str(), &db);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT statement FROM statements WHERE actor = ? AND verb = ? ORDER BY seq DESC LIMIT 500",
                     -1, &q, nullptr);
  std::vector<double> floor_ms;
  for (auto [agent, verb] : picks) {
    std::string a = "mbox:mailto:learner" + std::to_string(agent) + "@example.com";
    std::string v = "http://example.com/verbs/v" + std::to_string(verb);
    auto t0 = std::chrono::steady_clock::now();
    sqlite3_bind_text(q, 1, a.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, v.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(q) == SQLITE_ROW) {
    }
    sqlite3_reset(q);
    floor_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  sqlite3_finalize(q);
  sqlite3_close(db);

  double subject_p99 = p99(http_ms), floor_p99 = p99(floor_ms);
  std::printf("BENCH lrs.query: %d statements stored, agent+verb GET p99 %.2f ms (target < 50 ms) %s, floor p99 %.3f ms\n",
              total, subject_p99, subject_p99 < 50 ? "within target" : "OVER TARGET", floor_p99);
  // The issue's target is the absolute p99 above; the ratio to the bare lookup is
  // for the record only (a ratio line with a target would read as a second goal).
  std::printf("BENCH lrs.query_p99_ratio: %.1f (HTTP, validation and JSON of the page against the bare SQLite lookup; "
              "no target)\n",
              floor_p99 > 0 ? subject_p99 / floor_p99 : 0.0);
  return 0;
}
