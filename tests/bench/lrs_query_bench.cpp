// LRS query: with 1,000,000 statements stored (times BENCH_SCALE: 10 stores
// 10,000,000), GET /xapi/statements filtered by agent and verb, two ways:
//  - pairs that exist: every agent does one verb (agent % 20, as the data is
//    generated), so each pair has total / 10,000 statements; the bench follows
//    `more` to the end and checks every page's count against what was stored;
//  - pairs that do not: the same agents with another verb, answered empty.
// Reports p50 and p99 of each (target: p99 < 50 ms for the pairs that exist),
// and the same lookups straight against SQLite's (actor, verb) index as the floor.
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

constexpr int kAgents = 10000;
constexpr int kVerbs = 20;
constexpr int kQueries = 300;
constexpr size_t kPage = 500;  // the LRS's largest page (records/statement_store.cpp)

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(static_cast<double>(v.size()) * p))];
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

std::string verb_iri(int verb) { return "http://example.com/verbs/v" + std::to_string(verb); }

struct Pair {
  int agent, verb;
  size_t expected;  // statements stored for this agent and verb
};

// How many of the generated statements (bench_statement(i, kAgents, kVerbs) for
// i < total) have this agent and verb, counted from the generator's rule.
size_t generated_count(int total, int agent, int verb) {
  if (agent % kVerbs != verb || agent >= total) return 0;
  return static_cast<size_t>((total - 1 - agent) / kAgents + 1);
}

struct Timings {
  std::vector<double> first_page_ms, floor_ms;
};

}  // namespace

int main() {
  int scale = 1;
  if (const char* s = std::getenv("BENCH_SCALE")) scale = std::max(1, std::atoi(s));
  int total = 1000000 * scale;
  if (const char* n = std::getenv("TRELLIS_BENCH_STATEMENTS")) total = std::atoi(n);
  testing::TempDir home;
  auto key = bench::make_key(home.path());
  {
    auto rt = Runtime::open(home.path());
    if (!rt) return 1;
    nlohmann::json authority = {{"objectType", "Agent"}, {"account", {{"homePage", "urn:bench"}, {"name", "bench"}}}};
    auto t0 = std::chrono::steady_clock::now();
    for (int base = 0; base < total; base += 1000) {
      std::vector<records::NewStatement> batch;
      for (int i = base; i < std::min(total, base + 1000); ++i)
        batch.push_back(lrs::prepare_statement(bench::bench_statement(i, kAgents, kVerbs), xapi::XapiVersion::v1_0, authority));
      auto ok = records::insert_statements(rt.value()->db, std::move(batch), {}, nullptr);
      if (!ok) {
        std::fprintf(stderr, "seeding failed: %s\n", ok.error().message.c_str());
        return 1;
      }
    }
    std::printf("lrs.query: %d statements stored in %.0f s\n", total,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  std::mt19937 rng(42);
  std::vector<Pair> existing, missing;
  for (int i = 0; i < kQueries; ++i) {
    int agent = static_cast<int>(rng() % kAgents);
    int own = agent % kVerbs;
    existing.push_back({agent, own, generated_count(total, agent, own)});
    int other = (own + 1 + static_cast<int>(rng() % (kVerbs - 1))) % kVerbs;
    missing.push_back({agent, other, generated_count(total, agent, other)});
  }

  testing::Server server(home.path());
  httplib::Client client("127.0.0.1", server.port());
  client.set_keep_alive(true);
  client.set_read_timeout(120, 0);
  httplib::Headers h = {{"Authorization", key.basic()}, {"X-Experience-API-Version", "1.0.3"}};
  client.Get("/xapi/statements?limit=1", h);  // the key's first check pays PBKDF2 once

  // Every page checked: a query that answers too little or too much is not a figure.
  int wrong_pages = 0;
  size_t pages = 0;
  auto run_http = [&](const std::vector<Pair>& pairs) {
    std::vector<double> first_page_ms;
    for (const auto& pair : pairs) {
      std::string a = R"({"mbox":"mailto:learner)" + std::to_string(pair.agent) + R"(@example.com"})";
      std::string path = "/xapi/statements?agent=" + url_encode(a) + "&verb=" + url_encode(verb_iri(pair.verb));
      size_t seen = 0;
      for (bool first = true; !path.empty(); first = false) {
        auto t0 = std::chrono::steady_clock::now();
        auto r = client.Get(path, h);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (!r || r->status != 200) {
          std::fprintf(stderr, "query failed: %s\n", r ? std::to_string(r->status).c_str() : "no answer");
          std::exit(1);
        }
        if (first) first_page_ms.push_back(ms);
        auto page = nlohmann::json::parse(r->body);
        size_t count = page["statements"].size();
        ++pages;
        if (count != std::min(kPage, pair.expected - seen)) ++wrong_pages;
        for (const auto& s : page["statements"])
          if (s["actor"]["mbox"] != "mailto:learner" + std::to_string(pair.agent) + "@example.com" ||
              s["verb"]["id"] != verb_iri(pair.verb))
            ++wrong_pages;
        seen += count;
        path = page.value("more", "");
        if (count == 0) break;
      }
      if (seen != pair.expected) ++wrong_pages;
    }
    return first_page_ms;
  };

  sqlite3* db = nullptr;
  sqlite3_open((home.path() / "trellis.db").c_str(), &db);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT statement FROM statements WHERE actor = ? AND verb = ? ORDER BY seq DESC LIMIT 500",
                     -1, &q, nullptr);
  int wrong_floor = 0;
  auto run_floor = [&](const std::vector<Pair>& pairs) {
    std::vector<double> floor_ms;
    for (const auto& pair : pairs) {
      std::string a = "mbox:mailto:learner" + std::to_string(pair.agent) + "@example.com";
      std::string v = verb_iri(pair.verb);
      auto t0 = std::chrono::steady_clock::now();
      sqlite3_bind_text(q, 1, a.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(q, 2, v.c_str(), -1, SQLITE_TRANSIENT);
      size_t rows = 0;
      while (sqlite3_step(q) == SQLITE_ROW) ++rows;
      sqlite3_reset(q);
      floor_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      if (rows != std::min(kPage, pair.expected)) ++wrong_floor;
    }
    return floor_ms;
  };

  Timings found{run_http(existing), run_floor(existing)};
  Timings empty{run_http(missing), run_floor(missing)};
  sqlite3_finalize(q);
  sqlite3_close(db);
  if (wrong_pages || wrong_floor) {
    bench::fail("lrs.query", std::to_string(wrong_pages) + " of " + std::to_string(pages) +
                                 " pages and " + std::to_string(wrong_floor) +
                                 " floor lookups held other than what was stored");
    return bench::finish();
  }
  std::printf("lrs.query: %zu pages checked; each existing pair holds %zu statements\n", pages, existing[0].expected);

  char line[512];
  std::snprintf(line, sizeof line,
                "BENCH lrs.query.existing: %d statements, %d agent+verb pairs with %zu statements each, first page "
                "p50 %.2f ms, p99 %.2f ms (target p99 < 50 ms); floor p50 %.3f ms, p99 %.3f ms",
                total, kQueries, existing[0].expected, percentile(found.first_page_ms, 0.5),
                percentile(found.first_page_ms, 0.99), percentile(found.floor_ms, 0.5), percentile(found.floor_ms, 0.99));
  bench::verdict(percentile(found.first_page_ms, 0.99) < 50, line);
  std::printf("BENCH lrs.query.missing: %d statements, %d agent+verb pairs that match nothing, p50 %.2f ms, "
              "p99 %.2f ms (no target); floor p50 %.3f ms, p99 %.3f ms\n",
              total, kQueries, percentile(empty.first_page_ms, 0.5), percentile(empty.first_page_ms, 0.99),
              percentile(empty.floor_ms, 0.5), percentile(empty.floor_ms, 0.99));
  return bench::finish();
}
