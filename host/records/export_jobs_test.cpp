// Exports as jobs over HTTP, end to end: the real `trellis serve` on 127.0.0.1,
// the real jsonl exporter, and a slow test exporter (tests/plugins/slow-exporter)
// for watching and cancelling a running export.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "app/runtime.hpp"
#include "records_test_seed.hpp"
#include "support.hpp"

using namespace trellis;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kCompleted = "http://adlnet.gov/expapi/verbs/completed";

struct ExportHome {
  testing::TempDir dir;
  fs::path home = dir / "home";
  fs::path plugins = dir / "plugins";
  std::map<std::string, std::string> env = {{"TRELLIS_PLUGIN_PATH", plugins.string()}};

  ExportHome() {
    fs::create_directories(plugins);
    fs::copy(fs::path(TRELLIS_BINARY_DIR) / "lib/trellis/plugins/jsonl", plugins / "jsonl",
             fs::copy_options::recursive);
    fs::copy(fs::path(TRELLIS_BINARY_DIR) / "test-plugins/slow-exporter", plugins / "slow-exporter",
             fs::copy_options::recursive);
    auto rt = Runtime::open(home);
    REQUIRE(rt.ok());
    std::vector<json> statements;
    for (int i = 0; i < 5; ++i)
      statements.push_back(testing::make_statement("u" + std::to_string(i) + "@example.org", kCompleted,
                                                   "https://lms.example/c/" + std::to_string(i % 2)));
    testing::seed_statements(rt.value()->db, statements);
  }

  // The Authorization header of a new key with scope "all" (or `scope`).
  std::string key(const std::string& scope = "all") {
    auto made = testing::run_trellis(home, {"lrs", "key", "create", "--scope", scope, "--json"}, env);
    REQUIRE(made.exit_code == 0);
    auto k = json::parse(made.out);
    return httplib::make_basic_authentication_header(k["key"].get<std::string>(), k["secret"].get<std::string>())
        .second;
  }

  void slow_exports(int delay_ms) {
    auto r = testing::run_trellis(
        home, {"plugin", "configure", "slow-exporter", "delay_ms=" + std::to_string(delay_ms)}, env);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }

  size_t export_files() const { return testing::files_below(home / "exports"); }
};

json poll_until_running(const testing::Server& server, const std::string& href, const std::string& auth) {
  json state;
  for (int i = 0; i < 1000; ++i) {
    state = json::parse(server.get(href, {{"Authorization", auth}}).body);
    if (state["state"] != "queued" && state["progress"]["step"] == "exporting statements") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return state;
}

}  // namespace

TEST_CASE("POST /api/v1/records/exports writes the export as a job whose file downloads as the GET streams it",
          "[records][export][http][jobs]") {
  ExportHome h;
  std::string key = h.key();
  std::string other = h.key();
  std::string admin = h.key("admin");
  testing::Server server(h.home, {}, h.env);
  const std::string filter = "format=jsonl&course=https%3A%2F%2Flms.example%2Fc%2F1";

  CHECK(server.request("POST", "/api/v1/records/exports?" + filter, "", "").status == 401);
  CHECK(server.request("POST", "/api/v1/records/exports?" + filter, "", "", {{"Authorization", admin}}).status == 403);
  CHECK(server.request("POST", "/api/v1/records/exports?format=pdf", "", "", {{"Authorization", key}}).status == 400);
  CHECK(server
            .request("POST", "/api/v1/records/exports", R"({"since": "soon"})", "application/json",
                     {{"Authorization", key}})
            .status == 400);
  CHECK(server
            .request("POST", "/api/v1/records/exports", R"({"colour": "red"})", "application/json",
                     {{"Authorization", key}})
            .status == 400);

  auto job = testing::accepted_job(
      server.request("POST", "/api/v1/records/exports?" + filter, "", "", {{"Authorization", key}}));
  CHECK(job["kind"] == "export");
  std::string href = job["href"];
  auto state = testing::poll_job(server, href, {{"Authorization", key}});
  INFO(state.dump(2));
  REQUIRE(state["state"] == "succeeded");
  const auto& result = state["result"];
  CHECK(result["statements"] == 2);
  CHECK(result["format"] == "jsonl");
  CHECK(result["media_type"] == "application/jsonl");
  CHECK(state["progress"]["done"] == 2);
  CHECK(state["progress"]["total"] == 2);
  std::string download = result["download"];
  CHECK(download == "/api/v1/records/exports/" + job["id"].get<std::string>());
  CHECK(state["location"] == download);

  auto streamed = server.get("/api/v1/records/export?" + filter, {{"Authorization", key}});
  REQUIRE(streamed.status == 200);
  auto file = server.get(download, {{"Authorization", key}});
  REQUIRE(file.status == 200);
  CHECK(file.body == streamed.body);
  CHECK(result["bytes"] == file.body.size());
  CHECK(file.headers["content-type"].rfind("application/jsonl", 0) == 0);
  CHECK_THAT(file.headers["content-disposition"], Catch::Contains("attachment"));
  CHECK(file.headers.count("etag") == 1);
  auto part = server.get(download, {{"Authorization", key}, {"Range", "bytes=0-9"}});
  CHECK(part.status == 206);
  CHECK(part.body == file.body.substr(0, 10));

  // The same parameters as a JSON body make the same export.
  auto as_json =
      server.request("POST", "/api/v1/records/exports", R"({"format": "jsonl", "course": "https://lms.example/c/1"})",
                     "application/json", {{"Authorization", key}, {"Prefer", "wait=30"}});
  INFO(as_json.body);
  REQUIRE(as_json.status == 201);
  auto waited = json::parse(as_json.body);
  CHECK(waited["statements"] == 2);
  CHECK(as_json.headers["location"] == waited["download"]);
  CHECK(server.get(waited["download"], {{"Authorization", key}}).body == streamed.body);

  // The file is the key's own: another key, an admin's too, finds no export.
  CHECK(server.get(download).status == 401);
  CHECK(server.get(download, {{"Authorization", other}}).status == 404);
  CHECK(server.get(download, {{"Authorization", admin}}).status == 403);
  CHECK(server.get("/api/v1/records/exports/job-nope", {{"Authorization", key}}).status == 404);
  CHECK(h.export_files() == 2);
  CHECK(server.stop() == 0);
}

TEST_CASE("a cancelled export job leaves no file and its events show its progress", "[records][export][http][jobs]") {
  ExportHome h;
  h.slow_exports(20000);
  std::string key = h.key();
  testing::Server server(h.home, {}, h.env);

  auto job = testing::accepted_job(
      server.request("POST", "/api/v1/records/exports?format=slow", "", "", {{"Authorization", key}}));
  std::string href = job["href"];
  std::string download = "/api/v1/records/exports/" + job["id"].get<std::string>();
  auto running = poll_until_running(server, href, key);
  INFO(running.dump(2));
  REQUIRE(running["state"] == "running");
  CHECK(running["progress"]["total"] == 5);
  CHECK(running["progress"]["done"] == 0);
  CHECK(server.get(download, {{"Authorization", key}}).status == 409);  // not written yet
  CHECK(h.export_files() == 1);                                         // the .partial being written

  auto cancelled = server.request("DELETE", href, "", "", {{"Authorization", key}});
  CHECK(cancelled.status == 200);
  auto state = testing::poll_job(server, href, {{"Authorization", key}});
  INFO(state.dump(2));
  CHECK(state["state"] == "cancelled");
  CHECK(h.export_files() == 0);
  CHECK(server.get(download, {{"Authorization", key}}).status == 404);

  // Events: the export's progress while it runs, then its end.
  h.slow_exports(1000);
  server.stop();
  testing::Server again(h.home, {}, h.env);
  auto second = testing::accepted_job(
      again.request("POST", "/api/v1/records/exports?format=slow", "", "", {{"Authorization", key}}));
  std::string second_href = second["href"];
  auto events = again.get(second_href + "/events", {{"Authorization", key}});
  REQUIRE(events.status == 200);
  CHECK(events.headers["content-type"] == "text/event-stream");
  INFO(events.body);
  CHECK_THAT(events.body, Catch::Contains("event: progress"));
  CHECK_THAT(events.body, Catch::Contains("\"step\":\"exporting statements\""));
  CHECK_THAT(events.body, Catch::Contains("\"total\":5"));
  CHECK_THAT(events.body, Catch::Contains("event: end"));
  CHECK_THAT(events.body, Catch::Contains("\"succeeded\""));
  auto file = again.get("/api/v1/records/exports/" + second["id"].get<std::string>(), {{"Authorization", key}});
  CHECK(file.status == 200);
  CHECK(std::count(file.body.begin(), file.body.end(), '\n') == 5);
  CHECK(again.stop() == 0);
}

TEST_CASE("export files older than a day go at serve start and when an export is submitted",
          "[records][export][http][jobs]") {
  ExportHome h;
  std::string key = h.key();
  auto old_file = [&](const std::string& name) {
    testing::write_file(h.home / "exports" / name, "old");
    fs::last_write_time(h.home / "exports" / name, fs::file_time_type::clock::now() - std::chrono::hours(25));
  };
  old_file("job-old.jsonl");
  testing::write_file(h.home / "exports" / "job-killed.jsonl.partial", "half");  // a killed run's
  testing::write_file(h.home / "exports" / "job-new.jsonl", "new");
  testing::Server server(h.home, {}, h.env);
  CHECK_FALSE(fs::exists(h.home / "exports" / "job-old.jsonl"));
  CHECK_FALSE(fs::exists(h.home / "exports" / "job-killed.jsonl.partial"));
  CHECK(fs::exists(h.home / "exports" / "job-new.jsonl"));

  old_file("job-older.jsonl");
  auto made =
      server.request("POST", "/api/v1/records/exports", "", "", {{"Authorization", key}, {"Prefer", "wait=30"}});
  CHECK(made.status == 201);
  CHECK_FALSE(fs::exists(h.home / "exports" / "job-older.jsonl"));
  CHECK(fs::exists(h.home / "exports" / "job-new.jsonl"));
  CHECK(server.stop() == 0);
}
