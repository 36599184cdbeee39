// `trellis settings` as a user meets it: the real executable and a fresh home.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace trellis::testing;
using nlohmann::json;

TEST_CASE("settings set refuses an unknown key with the known ones and the nearest", "[cli][settings]") {
  TempDir home;
  auto r = run_trellis(home.path(), {"settings", "set", "conector.sync_interval", "0"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("unknown setting 'conector.sync_interval'"));
  CHECK_THAT(r.err, Catch::Contains("did you mean connector.sync_interval?"));
  CHECK_THAT(r.err, Catch::Contains("import.max_entries"));
  // Nothing was stored: the list still shows the default.
  auto listed = json::parse(run_trellis(home.path(), {"settings", "list", "--json"}).out);
  for (const auto& s : listed["settings"]) CHECK(s["value"].is_null());
  auto far = run_trellis(home.path(), {"settings", "get", "colour"});
  CHECK(far.exit_code == 1);
  CHECK_THAT(far.err, Catch::Contains("unknown setting 'colour'"));
  CHECK_THAT(far.err, !Catch::Contains("did you mean"));
}

TEST_CASE("settings get of a known key never set prints its default", "[cli][settings]") {
  TempDir home;
  auto r = run_trellis(home.path(), {"settings", "get", "connector.sync_interval"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "15m\n");
  auto j = run_trellis(home.path(), {"settings", "get", "import.max_entries", "--json"});
  REQUIRE(j.exit_code == 0);
  auto got = json::parse(j.out);
  CHECK(got["value"].is_null());
  CHECK(got["default"] == "20000");
  CHECK(got["effective"] == "20000");
  // A setting without a default says so, by name.
  auto none = run_trellis(home.path(), {"settings", "get", "import.schema_dir"});
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.err, Catch::Contains("has no default"));
}

TEST_CASE("settings list shows every setting with its default and current value", "[cli][settings]") {
  TempDir home;
  auto set = run_trellis(home.path(), {"settings", "set", "connector.timeout_ms", "2500", "--json"});
  REQUIRE(set.exit_code == 0);
  CHECK(json::parse(set.out)["effective"] == "2500");
  auto r = run_trellis(home.path(), {"settings", "list", "--json"});
  REQUIRE(r.exit_code == 0);
  auto listed = json::parse(r.out)["settings"];
  std::map<std::string, json> by_key;
  for (const auto& s : listed) by_key[s["key"].get<std::string>()] = s;
  for (const char* key : {"import.max_entries", "import.schema_dir", "connector.sync_interval", "connector.timeout_ms",
                          "knowledge.auto_attach_score", "community.home_page", "records.forward_interval_seconds",
                          "plugins.http_rate_per_second"}) {
    INFO(key);
    REQUIRE(by_key.count(key) == 1);
    CHECK_FALSE(by_key[key]["description"].get<std::string>().empty());
  }
  CHECK(by_key["connector.timeout_ms"]["value"] == "2500");
  CHECK(by_key["connector.timeout_ms"]["default"] == "5000");
  CHECK(by_key["community.home_page"]["default"] == "urn:trellis:community");
  auto text = run_trellis(home.path(), {"settings", "list"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("connector.timeout_ms = 2500  (default 5000)"));
  // The forwarding interval is checked when set, like every other setting.
  CHECK(run_trellis(home.path(), {"settings", "set", "records.forward_interval_seconds", "soon"}).exit_code == 1);
}
