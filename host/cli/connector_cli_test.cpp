// `trellis connector sync` on a fresh home, with the bundled connectors: those
// with nothing configured are skipped and said to be, not failed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support.hpp"
#include "test_wait.hpp"

using namespace trellis::testing;
using nlohmann::json;

namespace {

std::map<std::string, json> by_plugin(const json& array, const char* id_key) {
  std::map<std::string, json> out;
  for (const auto& r : array) out[r[id_key].get<std::string>()] = r;
  return out;
}

}  // namespace

TEST_CASE("connector sync on a fresh home skips the unconfigured bundled connectors and exits 0", "[cli][connector]") {
  TempDir home;
  auto r = run_trellis(home.path(), {"connector", "sync", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto syncs = by_plugin(json::parse(r.out)["syncs"], "plugin");
  REQUIRE(syncs.count("feeds") == 1);
  CHECK(syncs["feeds"]["status"] == "not_configured");
  CHECK_THAT(syncs["feeds"]["error"].get<std::string>(), Catch::Contains("trellis plugin configure feeds urls="));
  CHECK(syncs["folder-kb"]["status"] == "not_configured");
  CHECK(syncs["experts"]["status"] == "not_configured");
  // No warning: nothing went wrong.
  CHECK_THAT(r.err, !Catch::Contains("warning"));

  auto one = run_trellis(home.path(), {"connector", "sync", "feeds"});
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.out, Catch::Contains("feeds  skipped, not configured: set urls"));

  auto listed = by_plugin(json::parse(run_trellis(home.path(), {"connector", "list", "--json"}).out)["connectors"], "id");
  CHECK(listed["feeds"]["status"] == "not_configured");
}

TEST_CASE("connector sync fails when a configured connector fails", "[cli][connector]") {
  TempDir home;
  REQUIRE(run_trellis(home.path(), {"plugin", "configure", "folder-kb", "path=" + (home / "no-such-folder").string()})
              .exit_code == 0);
  auto r = run_trellis(home.path(), {"connector", "sync", "--json"});
  CHECK(r.exit_code == 1);
  auto syncs = by_plugin(json::parse(r.out)["syncs"], "plugin");
  CHECK(syncs["folder-kb"]["status"] == "failed");
  CHECK(syncs["feeds"]["status"] == "not_configured");
}

TEST_CASE("the server's scheduled sync logs nothing for unconfigured connectors", "[cli][connector][server]") {
  TempDir home;
  std::filesystem::create_directories(home / "lessons");
  write_file(home / "lessons" / "ladders.md", "# Ladder safety\n\nCheck the feet.\n");
  REQUIRE(run_trellis(home.path(), {"plugin", "configure", "folder-kb", "path=" + (home / "lessons").string()})
              .exit_code == 0);
  REQUIRE(run_trellis(home.path(), {"settings", "set", "connector.sync_interval", "1s"}).exit_code == 0);
  Server server(home.path());
  // A round syncs every connector in turn; folder-kb synced means feeds and
  // experts had their turn too.
  bool synced = eventually(
      [&] {
        auto list = run_trellis(home.path(), {"connector", "list", "--json"});
        if (list.exit_code != 0) return false;
        return by_plugin(json::parse(list.out)["connectors"], "id")["folder-kb"]["status"] == "ok";
      },
      std::chrono::seconds(60), std::chrono::milliseconds(200));
  REQUIRE(synced);
  REQUIRE(server.stop(15) == 0);
  INFO(server.log());
  CHECK_THAT(server.log(), !Catch::Contains("'feeds'"));
  CHECK_THAT(server.log(), !Catch::Contains("'experts'"));
  CHECK_THAT(server.log(), Catch::Contains("synced 'folder-kb'"));
}
