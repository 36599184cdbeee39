// Runtime commits (issue 16): 200 simulated learners, each on its own
// keep-alive connection to the content origin, commit a SCORM 1.2 SCO's data
// as fast as the host answers. Reported: commits/s and the p99 latency of one
// commit. The floor: the same CMI writes (each commit's flattened elements
// merged into the attempt's stored state) straight into SQLite, one
// transaction each, on the same pragmas as the host. Targets: at least 2,000
// commits/s, and within 2.5x of the floor's time per commit.
// For reading the ratio, two more lines without a target: the same 200
// connections sending the same number of requests that do no work (a small
// bundle file), and commits refused at the token check (one indexed read):
// what HTTP alone, and HTTP with a body and one read, cost against the floor.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "lrs_bench_support.hpp"

using namespace trellis;
using json = nlohmann::json;

namespace {

constexpr int kLearners = 200;
constexpr int kCommitsPerLearner = 25;  // 5,000 commits per run

struct Learner {
  std::string page;        // the launch page's path on the content origin
  std::string commit_url;  // from its boot data
  int64_t seq = 0;
};

// What one commit of a SCO sends: a page, its suspend data (~1 KB), status,
// time and its score (set once, as SCOs do, so "scored" is recorded once).
json elements(int learner, int64_t seq) {
  std::string suspend(1000, 'a' + static_cast<char>(seq % 26));
  return {{"cmi.core.lesson_location", "page-" + std::to_string(seq % 40)},
          {"cmi.suspend_data", suspend + std::to_string(learner)},
          {"cmi.core.lesson_status", "incomplete"},
          {"cmi.core.session_time", "00:0" + std::to_string(seq % 10) + ":12"},
          {"cmi.core.score.raw", "80"}};
}

json post_json(httplib::Client& c, const std::string& path, const json& body, const std::string& auth) {
  auto r = c.Post(path, {{"Authorization", auth}}, body.dump(), "application/json");
  if (!r || (r->status != 200 && r->status != 201)) {
    std::fprintf(stderr, "POST %s failed: %d %s\n", path.c_str(), r ? r->status : 0, r ? r->body.c_str() : "");
    std::exit(1);
  }
  return json::parse(r->body);
}

std::vector<Learner> enrol(const testing::Server& server, const std::string& course, const std::string& admin) {
  httplib::Client api("127.0.0.1", server.port());
  httplib::Client content("127.0.0.1", server.content_port());
  std::vector<Learner> out;
  static const std::regex boot_tag(R"(<script type="application/json" id="trellis-launch">([^<]*)</script>)");
  for (int i = 0; i < kLearners; ++i) {
    std::string id = "learner-" + std::to_string(i);
    post_json(api, "/api/v1/learners", {{"id", id}, {"name", "Learner " + std::to_string(i)}}, admin);
    json reg = post_json(api, "/api/v1/registrations", {{"course_id", course}, {"learner", id}}, admin);
    json ticket = post_json(api, "/api/v1/registrations/" + reg["id"].get<std::string>() + "/launch", json::object(), admin);
    std::string url = ticket["url"];
    Learner l;
    l.page = url.substr(url.find('/', url.find("://") + 3));
    auto page = content.Get(l.page);
    std::smatch m;
    if (!page || page->status != 200 || !std::regex_search(page->body, m, boot_tag)) {
      std::fprintf(stderr, "launch page of %s did not answer its boot data\n", id.c_str());
      std::exit(1);
    }
    json boot = json::parse(m[1].str());
    l.commit_url = boot["commit_url"];
    l.seq = boot["seq"];
    out.push_back(l);
  }
  return out;
}

// One round: every learner sends its commits in order on its own connection.
// Answers whether all were answered result:true, and adds each latency.
bool commit_round(const testing::Server& server, std::vector<Learner>& learners, std::vector<double>& latencies_ms) {
  std::atomic<int> refused{0};
  std::vector<std::vector<double>> per_thread(learners.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < learners.size(); ++i) {
    threads.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", server.content_port());
      c.set_keep_alive(true);
      c.set_read_timeout(60, 0);
      Learner& l = learners[i];
      for (int k = 0; k < kCommitsPerLearner; ++k) {
        json body = {{"seq", l.seq + 1}, {"terminate", false}, {"elements", elements(static_cast<int>(i), l.seq + 1)}};
        auto t0 = std::chrono::steady_clock::now();
        auto r = c.Post(l.commit_url, body.dump(), "application/json");
        per_thread[i].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (!r || r->status != 200 || json::parse(r->body, nullptr, false).value("result", false) != true) {
          if (refused++ == 0)
            std::fprintf(stderr, "commit refused: %d %s\n", r ? r->status : 0, r ? r->body.c_str() : "no answer");
          return;
        }
        ++l.seq;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (auto& v : per_thread) latencies_ms.insert(latencies_ms.end(), v.begin(), v.end());
  return refused == 0;
}

// The same traffic pattern as commit_round against a request of `kind`:
// "file" GETs a small bundle file (no database), "refused" POSTs a commit body
// under a token that is no launch's (401 after one indexed read).
bool transport_round(const testing::Server& server, const std::string& kind) {
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kLearners; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", server.content_port());
      c.set_keep_alive(true);
      c.set_read_timeout(60, 0);
      std::string body = json{{"seq", 1}, {"terminate", false}, {"elements", elements(i, 1)}}.dump();
      for (int k = 0; k < kCommitsPerLearner; ++k) {
        auto r = kind == "file" ? c.Get("/assets/player.css")
                                : c.Post("/play/not-a-launch-token/attempts/a/commit", body, "application/json");
        if (!r || r->status != (kind == "file" ? 200 : 401)) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  return wrong == 0;
}

// The floor: each commit's elements merged into the attempt's stored state
// and written back, one transaction per commit, on a table shaped as the
// player's attempts (WAL, synchronous NORMAL, as the host runs SQLite).
bench::Sample measure_floor(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
               "CREATE TABLE attempts(id TEXT PRIMARY KEY, state TEXT, status TEXT NOT NULL, last_seq INTEGER NOT NULL,"
               " updated_at TEXT NOT NULL);",
               nullptr, nullptr, nullptr);
  for (int i = 0; i < kLearners; ++i) {
    std::string sql = "INSERT INTO attempts VALUES('a" + std::to_string(i) + "', '{}', '{}', 0, '')";
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  }
  std::vector<json> state(kLearners, json::object());
  int64_t round = 0;
  auto sample = bench::measure(
      [&] {
        sqlite3_stmt* update = nullptr;
        sqlite3_prepare_v2(db, "UPDATE attempts SET state = ?2, status = ?3, last_seq = ?4, updated_at = ?5 WHERE id = ?1",
                           -1, &update, nullptr);
        for (int k = 0; k < kCommitsPerLearner; ++k)
          for (int i = 0; i < kLearners; ++i) {
            int64_t seq = round * kCommitsPerLearner + k + 1;
            json sent = elements(i, seq);
            for (auto& [name, value] : sent.items()) state[static_cast<size_t>(i)][name] = value;
            std::string text = state[static_cast<size_t>(i)].dump();
            std::string id = "a" + std::to_string(i);
            sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
            sqlite3_bind_text(update, 1, id.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(update, 2, text.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(update, 3, "{\"completion\":\"incomplete\"}", -1, SQLITE_STATIC);
            sqlite3_bind_int64(update, 4, seq);
            sqlite3_bind_text(update, 5, "2026-12-07T00:00:00.000000Z", -1, SQLITE_STATIC);
            sqlite3_step(update);
            sqlite3_reset(update);
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
          }
        sqlite3_finalize(update);
        ++round;
      },
      3, 1);
  sqlite3_close(db);
  return sample;
}

}  // namespace

int main() {
  testing::TempDir home;
  auto made = testing::run_trellis(home.path(), {"import", std::string(TRELLIS_SOURCE_DIR) + "/packages/scorm12-workplace-safety", "--json"});
  if (made.exit_code != 0) {
    std::fprintf(stderr, "import failed: %s\n", made.err.c_str());
    return 1;
  }
  std::string course = json::parse(made.out)["course_id"];
  auto key = testing::run_trellis(home.path(), {"lrs", "key", "create", "--scope", "admin", "--json"});
  json k = json::parse(key.out);
  bench::BenchKey admin{k["key"], k["secret"]};
  testing::Server server(home.path(), {"--content-listen", "127.0.0.1:0"});
  std::vector<Learner> learners = enrol(server, course, admin.basic());

  std::vector<double> latencies;
  bool all_true = true;
  auto subject = bench::measure([&] { all_true = commit_round(server, learners, latencies) && all_true; }, 3, 1);
  if (!all_true) {
    bench::fail("player.commits", "a commit was not answered result:true, so the run did not do the work it times");
    return bench::finish();
  }
  // The work happened: every learner's attempt is at the last seq it sent.
  auto shown = testing::run_trellis(home.path(), {"registration", "list", "--json"});
  if (shown.exit_code != 0 || json::parse(shown.out)["registrations"].size() != kLearners) {
    bench::fail("player.commits", "the registrations are not all there after the run");
    return bench::finish();
  }
  std::sort(latencies.begin(), latencies.end());
  double p99 = latencies[latencies.size() * 99 / 100];
  testing::TempDir floor_dir;
  auto floor = measure_floor(floor_dir.path() / "floor.db");
  double commits = static_cast<double>(kLearners) * kCommitsPerLearner;
  double rate = commits / (subject.median_ms / 1000);
  char line[400];
  std::snprintf(line, sizeof line,
                "BENCH player.commits.rate: %.0f commits/s from %d learners over keep-alive, p99 %.1f ms "
                "(target >= 2000 commits/s); floor %.0f commits/s",
                rate, kLearners, p99, commits / (floor.median_ms / 1000));
  bench::verdict(rate >= 2000, line);
  bench::report("player.commits", subject, floor, 2.5);
  for (std::string kind : {"file", "refused"}) {
    bool answered = true;
    auto cost = bench::measure([&] { answered = transport_round(server, kind) && answered; }, 3, 1);
    if (!answered) {
      bench::fail("player.commits.transport", "a " + kind + " request was not answered as expected");
      continue;
    }
    std::printf("BENCH player.commits.transport.%s: %.2f ms for the same %d requests (%s), %.2fx the floor "
                "(context for the ratio above, no target)\n",
                kind.c_str(), cost.median_ms, kLearners * kCommitsPerLearner,
                kind == "file" ? "GET of a small file, no database" : "commit body refused at the token check",
                cost.median_ms / floor.median_ms);
  }
  return bench::finish();
}
