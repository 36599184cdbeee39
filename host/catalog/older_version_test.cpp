// Re-importing an older package: refused (it would silently become the latest
// and drop what came since) unless asked for, through the CLI and over HTTP.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "course_doc.hpp"
#include "support.hpp"
#include "zip_writer.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::map<std::string, std::string> kTestImporterEnv = {{"TRELLIS_PLUGIN_PATH", TRELLIS_BINARY_DIR "/test-plugins"}};

std::string course_with(const std::vector<std::pair<std::string, std::string>>& modules) {
  return trellis::testing::make_zip(
      {{"course.json", trellis::testing::course_json_doc(modules).dump()}, {"index.html", "<html>hi</html>"}});
}

trellis::testing::ProcessResult import_zip(const fs::path& home, const fs::path& zip, const std::string& content,
                                           std::vector<std::string> extra = {}) {
  trellis::testing::write_file(zip, content);
  std::vector<std::string> args = {"import", zip.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return trellis::testing::run_trellis(home, args, kTestImporterEnv);
}

int latest_version(const fs::path& home) {
  auto r = trellis::testing::run_trellis(home, {"course", "list", "--json"}, kTestImporterEnv);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["courses"][0]["version"].get<int>();
}

}  // namespace

TEST_CASE("trellis import refuses an earlier version's content unless --as-new-version") {
  trellis::testing::TempDir dir;
  auto home = dir / "home";
  const std::string v1 = course_with({{"m1", "Fire"}, {"m2", "Spill"}});
  const std::string v2 = course_with({{"m1", "Fire"}, {"m2", "Spill"}, {"m3", "Ladders"}});
  REQUIRE(import_zip(home, dir / "v1.zip", v1).exit_code == 0);
  REQUIRE(import_zip(home, dir / "v2.zip", v2).exit_code == 0);

  auto again = import_zip(home, dir / "old.zip", v1, {"--json"});
  INFO(again.err);
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Catch::Contains("import.matches-earlier-version") &&
                            Catch::Contains("same content as version 1") && Catch::Contains("version 2 is the latest") &&
                            Catch::Contains("--as-new-version"));
  json refused = json::parse(again.out);
  CHECK(refused["matches_version"] == 1);
  CHECK(refused["stored"] == false);
  CHECK(latest_version(home) == 2);
  CHECK(trellis::testing::files_below(home / "tmp") == 0);  // the extracted files went again

  auto forced = import_zip(home, dir / "old.zip", v1, {"--json", "--as-new-version"});
  INFO(forced.err);
  REQUIRE(forced.exit_code == 0);
  json report = json::parse(forced.out);
  CHECK(report["version"] == 3);
  CHECK(report["matches_version"] == 1);
  CHECK(report["modules"]["removed"] == json::array({"m3"}));
  auto said = import_zip(home, dir / "v2.zip", v2, {"--as-new-version"});
  CHECK(said.exit_code == 0);
  CHECK_THAT(said.out, Catch::Contains("same content as version 2"));
  CHECK(latest_version(home) == 4);
  // The latest's content again is still just unchanged.
  auto unchanged = import_zip(home, dir / "v2.zip", v2, {"--json"});
  REQUIRE(unchanged.exit_code == 0);
  CHECK(json::parse(unchanged.out)["unchanged"] == true);
}

TEST_CASE("an upload of an earlier version's content answers 409 unless as_new_version=true") {
  trellis::testing::TempDir dir;
  auto home = dir / "home";
  const std::map<std::string, std::string> admin = {
      {"Authorization", trellis::testing::create_key_header(home, {"admin"})}, {"Prefer", "wait=60"}};
  trellis::testing::Server server(home, {}, kTestImporterEnv);
  const std::string v1 = course_with({{"m1", "Fire"}});
  REQUIRE(server.request("POST", "/api/v1/packages", v1, "application/zip", admin).status == 201);
  REQUIRE(server.request("POST", "/api/v1/packages", course_with({{"m1", "Fire"}, {"m2", "Spill"}}),
                         "application/zip", admin).status == 201);

  auto conflict = server.request("POST", "/api/v1/packages", v1, "application/zip", admin);
  INFO(conflict.body);
  CHECK(conflict.status == 409);
  CHECK(conflict.headers["content-type"] == "application/problem+json");
  json problem = json::parse(conflict.body);
  CHECK(problem["matches_version"] == 1);
  CHECK_THAT(problem["detail"].get<std::string>(),
             Catch::Contains("same content as version 1") && Catch::Contains("as_new_version=true"));
  CHECK(server.request("POST", "/api/v1/packages?as_new_version=maybe", v1, "application/zip", admin).status == 400);

  auto forced = server.request("POST", "/api/v1/packages?as_new_version=true", v1, "application/zip", admin);
  INFO(forced.body);
  REQUIRE(forced.status == 201);
  json report = json::parse(forced.body);
  CHECK(report["version"] == 3);
  CHECK(report["matches_version"] == 1);
  CHECK(report["modules"]["removed"] == json::array({"m2"}));
  CHECK(server.stop() == 0);
}
