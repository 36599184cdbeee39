// `trellis import` on real packages with the bundled importer plugins: the sample
// cmi5 course this project ships, imported, re-imported unchanged, shown.
// (The SCORM importers get the same test once they are on main.)
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trellis;

namespace {
const std::map<std::string, std::string> kBundled = {
    {"TRELLIS_PLUGIN_PATH", TRELLIS_BINARY_DIR "/lib/trellis/plugins"}};
}

TEST_CASE("the sample cmi5 course imports through trellis import and re-imports unchanged", "[e2e][catalog][cmi5]") {
  testing::TempDir dir;
  fs::path sample = fs::path(TRELLIS_SOURCE_DIR) / "packages" / "cmi5-safety-basics";
  auto validated = testing::run_trellis(dir / "home", {"validate", sample.string(), "--json"}, kBundled);
  INFO(validated.err);
  REQUIRE(validated.exit_code == 0);
  CHECK(json::parse(validated.out)["format"] == "cmi5");

  auto first = testing::run_trellis(dir / "home", {"import", sample.string(), "--json"}, kBundled);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  auto report = json::parse(first.out);
  CHECK(report["format"] == "cmi5");
  CHECK(report["edition"].is_null());
  CHECK(report["version"] == 1);
  CHECK(report["launchable"].get<int>() > 0);
  CHECK(report["items"].get<int>() >= report["launchable"].get<int>());
  std::string id = report["course_id"];

  auto again = testing::run_trellis(dir / "home", {"import", sample.string(), "--json"}, kBundled);
  REQUIRE(again.exit_code == 0);
  CHECK(json::parse(again.out)["unchanged"] == true);
  CHECK(json::parse(again.out)["version"] == 1);

  auto show = testing::run_trellis(dir / "home", {"course", "show", id, "--json"}, kBundled);
  REQUIRE(show.exit_code == 0);
  auto detail = json::parse(show.out);
  CHECK(detail["modules"].size() == report["items"].get<size_t>());
  CHECK(fs::exists(dir / "home" / "courses" / id / "1" / "cmi5.xml"));
}

TEST_CASE("a zip holding only a readme is refused naming every bundled format tried", "[e2e][catalog]") {
  testing::TempDir dir;
  testing::write_file(dir / "notes.md", "# not a course\n");
  auto r = testing::run_trellis(dir / "home", {"import", (dir / "notes.md").string()}, kBundled);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("formats tried") && Catch::Contains("cmi5") && Catch::Contains("xapi"));
}
