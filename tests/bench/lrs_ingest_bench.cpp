// LRS ingest: statements POSTed in batches of 100 over keep-alive connections
// by 4 concurrent clients, against the floor of inserting the same statements
// straight into SQLite (a tight loop, one transaction per batch; see
// measure_floor for its two variants). Target: the LRS reaches at least half the
// floor's rate (time ratio <= 2.0) and 5,000 statements/s.
//
// It also reports what share of the server's CPU time per statement the JSON
// parse and the statement validation take: the server's user+system time over
// the measured runs (from /proc) against the same parse (the LRS's bounded
// parser) and validation run in this process on the same batches.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <random>
#include <thread>

#include <fstream>
#include <sstream>
#include <unistd.h>

#include "bench.hpp"
#include "json/bounded_parse.hpp"
#include "lrs/statement_validator.hpp"
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

// A random (version 4) UUID written here, so the floor uses none of the
// subject's code: the same shape of id, made by the floor's own generator.
std::string floor_uuid(std::mt19937_64& bits) {
  uint64_t hi = bits(), lo = bits();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
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
  std::mt19937_64 uuid_bits(std::random_device{}());
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
              id = floor_uuid(uuid_bits);  // the floor's own, not the LRS's id maker
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

// User + system CPU seconds a process has used so far.
double process_cpu_seconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return 0;
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stod(field);
    if (i == 15) stime = std::stod(field);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU seconds per statement of parsing the batches as the LRS does, and of
// validating each statement; the fastest of three passes.
std::pair<double, double> parse_and_validate_seconds(const std::vector<std::string>& batches) {
  double best_parse = 1e9, best_validate = 1e9;
  for (int pass = 0; pass < 3; ++pass) {
    double parse = 0, validate = 0;
    size_t statements = 0;
    for (const auto& text : batches) {
      auto t0 = std::chrono::steady_clock::now();
      auto parsed = parse_json(text);
      auto t1 = std::chrono::steady_clock::now();
      if (!parsed) {
        std::fprintf(stderr, "bench batch does not parse: %s\n", parsed.error().message.c_str());
        std::exit(1);
      }
      for (const auto& st : *parsed) {
        if (!lrs::validate_statement(st, xapi::XapiVersion::v1_0)) {
          std::fprintf(stderr, "bench statement is invalid\n");
          std::exit(1);
        }
      }
      auto t2 = std::chrono::steady_clock::now();
      parse += std::chrono::duration<double>(t1 - t0).count();
      validate += std::chrono::duration<double>(t2 - t1).count();
      statements += parsed->size();
    }
    best_parse = std::min(best_parse, parse / static_cast<double>(statements));
    best_validate = std::min(best_validate, validate / static_cast<double>(statements));
  }
  return {best_parse, best_validate};
}

}  // namespace

int main() {
  testing::TempDir home;
  auto key = bench::make_key(home.path());
  testing::Server server(home.path());
  std::string auth = key.basic();
  int round = 0;

  double server_cpu_before = process_cpu_seconds(server.pid());
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
  double server_cpu = process_cpu_seconds(server.pid()) - server_cpu_before;
  double sent = static_cast<double>(round) * kClients * kBatchesPerClient * kBatch;
  double server_cpu_per_statement = server_cpu / sent;
  auto [parse_per_statement, validate_per_statement] = parse_and_validate_seconds(make_batches(0));

  testing::TempDir floor_dir;
  auto floor_counter = measure_floor(floor_dir.path() / "counter.db", FloorIds::counter);
  auto floor = measure_floor(floor_dir.path() / "as-stored.db", FloorIds::as_the_lrs_stores_them);

  double statements = kClients * kBatchesPerClient * kBatch;
  double rate = statements / (subject.median_ms / 1000);
  char line[512];
  std::snprintf(line, sizeof line,
                "BENCH lrs.ingest.rate: %.0f statements/s over HTTP (target >= 5000); floor %.0f statements/s "
                "(statements as an LRS stores them: random UUIDs, the clock), %.0f statements/s with counter ids "
                "(time ratio %.3f against that one, no target)",
                rate, statements / (floor.median_ms / 1000), statements / (floor_counter.median_ms / 1000),
                subject.median_ms / floor_counter.median_ms);
  bench::verdict(rate >= 5000, line);
  std::printf("BENCH lrs.ingest.profile: server CPU %.1f us/statement; JSON parse %.1f us (%.0f%%), "
              "validation %.1f us (%.0f%%)\n",
              server_cpu_per_statement * 1e6, parse_per_statement * 1e6,
              100 * parse_per_statement / server_cpu_per_statement, validate_per_statement * 1e6,
              100 * validate_per_statement / server_cpu_per_statement);
  bench::report("lrs.ingest", subject, floor, 2.0);
  return bench::finish();
}
