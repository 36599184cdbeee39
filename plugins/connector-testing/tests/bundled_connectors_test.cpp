// The three first-party connectors as the real `trellis` executable sees them:
// bundled and loaded, and passing `trellis plugin check` (every contract the
// host exercises, in a child process).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support.hpp"

using trellis::testing::run_trellis;
using trellis::testing::TempDir;

TEST_CASE("feeds, folder-kb and experts are bundled, loaded and pass plugin check", "[plugins][e2e]") {
  TempDir home;
  auto list = run_trellis(home.path(), {"plugin", "list", "--json"});
  REQUIRE(list.exit_code == 0);
  auto plugins = nlohmann::json::parse(list.out);
  for (const char* id : {"feeds", "folder-kb", "experts"}) {
    INFO(id);
    bool loaded = false;
    for (const auto& p : plugins)
      if (p["id"] == id) loaded = p["state"] == "loaded" && p["source"] == "bundled";
    CHECK(loaded);
    auto check = run_trellis(home.path(), {"plugin", "check", std::string(TRELLIS_BINARY_DIR) + "/lib/trellis/plugins/" + id, "--json"});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    auto report = nlohmann::json::parse(check.out, nullptr, false);
    REQUIRE(report.is_object());
    CHECK(report["ok"] == true);
    CHECK(report["problems"].empty());
  }
}

TEST_CASE("an optional URL setting can be set and then unset again", "[plugins][e2e][settings]") {
  TempDir home;
  CHECK(run_trellis(home.path(), {"plugin", "configure", "folder-kb", "base_url=https://intranet.example/kb"}).exit_code ==
        0);
  CHECK(run_trellis(home.path(), {"plugin", "configure", "folder-kb", "base_url=intranet"}).exit_code == 1);
  auto unset = run_trellis(home.path(), {"plugin", "configure", "folder-kb", "base_url="});
  INFO(unset.err);
  CHECK(unset.exit_code == 0);
  auto info = run_trellis(home.path(), {"plugin", "info", "folder-kb", "--json"});
  REQUIRE(info.exit_code == 0);
  auto described = nlohmann::json::parse(info.out);
  bool seen = false;
  for (const auto& s : described["settings"])
    if (s["name"] == "base_url") {
      seen = true;
      CHECK(s["value"] == "");
    }
  CHECK(seen);
}
