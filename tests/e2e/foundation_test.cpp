// The foundation as a user meets it: the real executable, a real home, a real
// server over 127.0.0.1.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace trellis::testing;
using nlohmann::json;

TEST_CASE("trellis version --json reports the host and the plugin ABI", "[e2e]") {
  TempDir home;
  auto r = run_trellis(home.path(), {"version", "--json"});
  REQUIRE(r.exit_code == 0);
  auto j = json::parse(r.out);
  CHECK(j["version"].get<std::string>().find('.') != std::string::npos);
  CHECK(j["plugin_abi"]["major"] == 1);
}

TEST_CASE("TRELLIS_HOME selects the home when --home is absent", "[e2e]") {
  TempDir home;
  auto r = run({trellis_exe().string(), "db", "status", "--json"}, {{"TRELLIS_HOME", home.path().string()}});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["database"] == (home.path() / "trellis.db").string());
}

TEST_CASE("serve answers /healthz and /api/v1/version, problem+json for unknown paths, and stops on SIGTERM",
          "[e2e][server]") {
  TempDir home;
  Server server(home.path());
  auto health = server.get("/healthz");
  REQUIRE(health.status == 200);
  CHECK(json::parse(health.body)["status"] == "ok");
  auto version = server.get("/api/v1/version");
  REQUIRE(version.status == 200);
  CHECK(json::parse(version.body)["plugin_abi"]["major"] == 1);
  auto missing = server.get("/api/v1/nothing-here");
  CHECK(missing.status == 404);
  CHECK(missing.headers["content-type"] == "application/problem+json");
  CHECK(server.stop(15) == 0);
  CHECK(server.log().find("\"GET /healthz\" 200") != std::string::npos);
  CHECK(server.log().find("stopped cleanly") != std::string::npos);
  // A clean close checkpoints and removes the WAL.
  CHECK_FALSE(std::filesystem::exists(home.path() / "trellis.db-wal"));
}

TEST_CASE("A database written by a newer Trellis is refused with exit 3 and left unchanged", "[e2e][store]") {
  TempDir home;
  REQUIRE(run_trellis(home.path(), {"db", "status"}).exit_code == 0);
  auto db_file = home.path() / "trellis.db";
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(db_file.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE trellis_schema SET version = 99, written_by = '42.0.0' WHERE domain = 'host'",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto before = read_file(db_file);
  auto r = run_trellis(home.path(), {"db", "status"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("42.0.0") != std::string::npos);
  CHECK(r.err.find("version 99") != std::string::npos);
  CHECK(read_file(db_file) == before);

  auto serve = run({trellis_exe().string(), "--home", home.path().string(), "serve", "--listen", "127.0.0.1:0"});
  CHECK(serve.exit_code == 3);
  CHECK(read_file(db_file) == before);
}

TEST_CASE("A home that cannot be created is an environment error, exit 3", "[e2e]") {
  TempDir dir;
  write_file(dir / "blocker", "x");
  auto r = run_trellis(dir / "blocker" / "home", {"db", "status"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.rfind("trellis: ", 0) == 0);
}
