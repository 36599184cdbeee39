// LRS ingest: statements POSTed in batches of 100 over keep-alive connections
// by 4 concurrent clients, against the floor of inserting the same statements
// straight into SQLite (a tight loop, one transaction per batch; see
// measure_floor for its two variants). Target: the LRS reaches at least half the
// floor's rate (time ratio <= 2.0) and 5,000 statements/s.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>

#include "bench.hpp"
#include "lrs/statement_prep.hpp"
#include "lrs_bench_support.hpp"

using namespace trellis;

namespace {

constexpr int kBatch = 100;
constexpr int kClients = 4;
constexpr int kBatchesPerClient = 50;  // 20,000 statements per run

std::vector<std::string> make_batches(int offset) {
  std::vector<std::string> out;
  for (int b = 0; b < kClients * kBatchesPerClient; ++b) {
    nlohmann::json batch = nlohmann::json::array();
    for (int i = 0; i < kBatch; ++i) batch.push_back(bench::bench_statement(offset + b * kBatch + i));
    out.push_back(batch.dump());
  }
  return out;
}

enum class FloorIds { counter, as_the_lrs_stores_them };

std::string now_stamp(int64_t& last_micros) {
  using namespace std::chrono;
  int64_t us = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  last_micros = std::max(us, last_micros + 1);
  std::time_t secs = static_cast<std::time_t>(last_micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char out[96];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(last_micros % 1000000));
  return out;
}

// The least the storage itself costs: the same statements inserted by a tight
// loop into a table with the indexes any LRS needs (id, actor+verb, verb,
// activity, stored), one transaction per batch. Two variants. `counter` keys
// them 0, 1, 2... with one constant stored time, as this bench's first floor
// did: its id index only ever appends. `as_the_lrs_stores_them` gives each the
// id and stored time an LRS must (a random UUID, the clock) and stores the
// statement with them, so the index takes random inserts as any LRS's does.
bench::Sample measure_floor(const std::filesystem::path& file, FloorIds ids) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
               "CREATE TABLE statements(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stored TEXT NOT NULL,"
               " actor TEXT NOT NULL, verb TEXT NOT NULL, activity TEXT, statement TEXT NOT NULL);"
               "CREATE INDEX s_actor ON statements(actor, verb); CREATE INDEX s_verb ON statements(verb);"
               "CREATE INDEX s_activity ON statements(activity); CREATE INDEX s_stored ON statements(stored);",
               nullptr, nullptr, nullptr);
  int floor_round = 0;
  int64_t last_micros = 0;
  auto sample = bench::measure(
      [&] {
        sqlite3_stmt* insert = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO statements(id, stored, actor, verb, activity, statement) VALUES(?,?,?,?,?,?)",
                           -1, &insert, nullptr);
        int base = floor_round++ * 1000000;
        for (int b = 0; b < kClients * kBatchesPerClient; ++b) {
          sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
          for (int i = 0; i < kBatch; ++i) {
            int n = base + b * kBatch + i;
            auto s = bench::bench_statement(n);
            std::string id = std::to_string(n), stored = "2026-01-01T00:00:00.000000Z";
            if (ids == FloorIds::as_the_lrs_stores_them) {
              id = lrs::random_uuid();  // the LRS's own id maker
              stored = now_stamp(last_micros);
              s["id"] = id;
              s["stored"] = stored;
              s["timestamp"] = stored;
              s["version"] = "1.0.0";
              s["authority"] = {{"objectType", "Agent"}, {"account", {{"homePage", "https://lrs.example"}, {"name", "bench"}}}};
            }
            std::string text = s.dump();
            std::string actor = s["actor"]["mbox"];
            std::string verb = s["verb"]["id"];
            std::string activity = s["object"]["id"];
            sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 2, stored.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 3, actor.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 4, verb.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 5, activity.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 6, text.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_step(insert);
            sqlite3_reset(insert);
          }
          sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        }
        sqlite3_finalize(insert);
      },
      3, 1);
  sqlite3_close(db);
  return sample;
}

}  // namespace

int main() {
  testing::TempDir home;
  auto key = bench::make_key(home.path());
  testing::Server server(home.path());
  std::string auth = key.basic();
  int round = 0;

  auto subject = bench::measure(
      [&] {
        auto batches = make_batches(round++ * 1000000);
        std::atomic<int> failures{0};
        std::vector<std::thread> clients;
        for (int c = 0; c < kClients; ++c) {
          clients.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", server.port());
            client.set_keep_alive(true);
            client.set_read_timeout(60, 0);
            httplib::Headers h = {{"Authorization", auth}, {"X-Experience-API-Version", "1.0.3"}};
            for (int b = c; b < kClients * kBatchesPerClient; b += kClients) {
              auto r = client.Post("/xapi/statements", h, batches[static_cast<size_t>(b)], "application/json");
              if (!r || r->status != 200) ++failures;
            }
          });
        }
        for (auto& t : clients) t.join();
        if (failures) {
          std::fprintf(stderr, "%d batches failed\n", failures.load());
          std::exit(1);
        }
      },
      3, 1);

  testing::TempDir floor_dir;
  auto floor_counter = measure_floor(floor_dir.path() / "counter.db", FloorIds::counter);
  auto floor = measure_floor(floor_dir.path() / "as-stored.db", FloorIds::as_the_lrs_stores_them);

  double statements = kClients * kBatchesPerClient * kBatch;
  std::printf("BENCH lrs.ingest: %.0f statements/s over HTTP (target >= 5000), floor %.0f statements/s "
              "(statements as the LRS stores them), %.0f statements/s with counter ids (ratio %.3f)\n",
              statements / (subject.median_ms / 1000), statements / (floor.median_ms / 1000),
              statements / (floor_counter.median_ms / 1000), subject.median_ms / floor_counter.median_ms);
  bench::report("lrs.ingest", subject, floor, 2.0);
  return 0;
}
