// cmi5 and xAPI packages through the real `trellis validate|import --json`: the
// CATAPULT LMS Test Suite import procedure end to end (zips built here from the
// shared course structures, the way the LTS build zips them), and the TinCan
// prototypes. Formats, counts and exit codes as a user sees them.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::optional<fs::path> conformance() {
  auto shared = shared_dir();
  if (!shared || !fs::is_directory(*shared / "conformance" / "packages" / "cmi5")) return std::nullopt;
  return *shared / "conformance";
}

#define REQUIRE_CONFORMANCE(dir)                                                              \
  auto dir = conformance();                                                                   \
  if (!dir) TRELLIS_SKIP("the shared conformance folder (packages/cmi5, packages/xapi) is absent")

// Zips the contents of `folder` (plus `extra` files) into `zip_path`; `zip64` forces ZIP64.
fs::path make_zip(const fs::path& folder, const fs::path& zip_path, const std::map<std::string, std::string>& extra = {},
                  bool zip64 = false) {
  TempDir staging;
  fs::copy(folder, staging.path(), fs::copy_options::recursive);
  for (const auto& [name, content] : extra) write_file(staging / name, content);
  for (auto& e : fs::recursive_directory_iterator(staging.path()))
    fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add);
  auto r = run({"/bin/sh", "-c",
                "cd '" + staging.path().string() + "' && zip -q -r " + (zip64 ? "-fz " : "") + "'" +
                    zip_path.string() + "' ."});
  REQUIRE(r.exit_code == 0);
  return zip_path;
}

// A zip that holds only the course structure: a package (its AU files may be
// missing), where the XML file on its own is a bare course structure.
fs::path zip_alone(const fs::path& file, const fs::path& zip_path) {
  auto r = run({"/usr/bin/zip", "-q", "-j", zip_path.string(), file.string()});
  REQUIRE(r.exit_code == 0);
  return zip_path;
}

json run_json(const fs::path& home, const std::string& command, const fs::path& package, int expected_exit) {
  auto r = run_trellis(home, {command, package.string(), "--json"});
  INFO(command << " " << package << "\nexit " << r.exit_code << "\nstdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == expected_exit);
  if (expected_exit == 1) CHECK_FALSE(r.err.empty());
  return r.out.empty() ? json() : json::parse(r.out);
}

bool has_code(const json& report, const std::string& code) {
  if (!report.contains("diagnostics")) return false;
  for (const auto& d : report["diagnostics"])
    if (d.value("code", "") == code) return true;
  return false;
}

}  // namespace

TEST_CASE("CATAPULT LTS: valid packages import through the CLI", "[e2e][cmi5][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  TempDir home, work;
  struct Case {
    const char* folder;
    int blocks;
    bool zip64;
  };
  for (const Case& c : {Case{"catapult_lts_001-essentials", 1, false}, Case{"catapult_lts_002-allowed", 0, false},
                        Case{"catapult_lts_004-1-moveOn-Completed", 1, false},
                        Case{"catapult_lts_102-zip64", 0, true}}) {
    INFO(c.folder);
    fs::path zip = make_zip(*dir / "packages" / "cmi5" / c.folder, work / (std::string(c.folder) + ".zip"),
                            {{"index.html", "<!doctype html><title>AU</title>"}}, c.zip64);
    json validated = run_json(home.path(), "validate", zip, 0);
    CHECK(validated["format"] == "cmi5");
    json imported = run_json(home.path(), "import", zip, 0);
    CHECK(imported["format"] == "cmi5");
    CHECK(imported["edition"].is_null());
    CHECK(imported["items"] == c.blocks + 1);
    CHECK(imported["launchable"] == 1);
    CHECK(imported["scos"] == 0);
  }
  SECTION("101: a generated course structure with 1,000 AUs") {
    std::string xml =
        "<?xml version=\"1.0\"?><courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">"
        "<course id=\"https://example.org/lts/101\"><title><langstring>T</langstring></title><description>"
        "<langstring>D</langstring></description></course>";
    for (int i = 0; i < 1000; ++i)
      xml += "<au id=\"https://example.org/lts/101/au/" + std::to_string(i) +
             "\"><title><langstring>A</langstring></title><description><langstring>D</langstring></description>"
             "<url>https://example.org/lts/101/au/" + std::to_string(i) + "</url></au>";
    xml += "</courseStructure>";
    write_file(work / "101-one-thousand-aus.xml", xml);
    json imported =
        run_json(home.path(), "import", zip_alone(work / "101-one-thousand-aus.xml", work / "101.zip"), 0);
    CHECK(imported["format"] == "cmi5");
    CHECK(imported["items"] == 1000);
    CHECK(imported["launchable"] == 1000);
  }
}

TEST_CASE("CATAPULT LTS: invalid packages are rejected through the CLI, naming the rule", "[e2e][cmi5][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  TempDir home, work;
  fs::path cmi5 = *dir / "packages" / "cmi5";
  struct Case {
    fs::path package;
    const char* code;
  };
  std::vector<Case> cases = {
      {cmi5 / "catapult_lts_201-1-iris-course-id" / "201-1-iris-course-id.xml", "cmi5.course.id.not-iri"},
      {cmi5 / "catapult_lts_201-2-iris-block-id" / "201-2-iris-block-id.xml", "cmi5.block.id.not-iri"},
      {cmi5 / "catapult_lts_202-1-relative-url-no-zip" / "202-1-relative-url-no-zip.xml",
       "cmi5.au.url.relative-without-package"},
      {cmi5 / "catapult_lts_202-3-relative-url-no-zip" / "202-3-relative-url-no-zip.xml",
       "cmi5.au.url.relative-without-package"},
      {make_zip(cmi5 / "catapult_lts_203-1-relative-url-no-reference", work / "203-1.zip"), "cmi5.au.url.file-missing"},
      {cmi5 / "catapult_lts_204-query-string-conflict-endpoint" / "204-query-string-conflict-endpoint.xml",
       "cmi5.au.url.reserved-parameter"},
      {cmi5 / "catapult_lts_205-3-duplicated-au" / "205-3-duplicated-au.xml", "cmi5.id.duplicate"},
      {cmi5 / "catapult_lts_206-1-invalid-au-url" / "206-1-invalid-au-url.xml", "cmi5.au.url.invalid"},
  };
  for (Case& c : cases) {
    // The LTS hands bare course structures over as the XML file itself.
    INFO(c.package);
    for (const char* command : {"validate", "import"}) {
      auto r = run_trellis(home.path(), {command, c.package.string(), "--json"});
      INFO(command << " exit " << r.exit_code << "\nstdout: " << r.out << "\nstderr: " << r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find(c.code) != std::string::npos);
      REQUIRE_FALSE(r.out.empty());
      json report = json::parse(r.out);
      CHECK(report["format"] == "cmi5");
      CHECK(has_code(report, c.code));
      CHECK_FALSE(has_code(report, "import.model-invalid"));  // the partial model stays well-formed
    }
  }
  for (const fs::path& refused :
       {cmi5 / "catapult_lts_208-1-invalid-package" / "208-1-invalid-package.md",
        cmi5 / "catapult_lts_209-1-not-a-zip" / "209-1-not-a-zip.zip",
        make_zip(cmi5 / "catapult_lts_208-1-invalid-package", work / "210-1-no-cmi5-xml.zip")}) {
    INFO(refused);
    auto r = run_trellis(home.path(), {"import", refused.string(), "--json"});
    CHECK(r.exit_code == 1);
    CHECK_FALSE(r.err.empty());
  }
}

TEST_CASE("xAPI TinCan prototypes import through the CLI", "[e2e][xapi][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  TempDir home, work;
  for (const char* folder : {"GolfExample_TCAPI", "JsTetris_TCAPI"}) {
    INFO(folder);
    fs::path zip = make_zip(*dir / "packages" / "xapi" / folder, work / (std::string(folder) + ".zip"));
    json imported = run_json(home.path(), "import", zip, 0);
    CHECK(imported["format"] == "xapi");
    CHECK(imported["items"] == 1);
    CHECK(imported["launchable"] == 1);
  }
}

TEST_CASE("the sample cmi5 course imports through the CLI", "[e2e][cmi5]") {
  TempDir home;
  json imported = run_json(home.path(), "import", fs::path(TRELLIS_SOURCE_DIR) / "packages" / "cmi5-safety-basics", 0);
  CHECK(imported["format"] == "cmi5");
  CHECK(imported["title"] == "Safety basics");
  CHECK(imported["items"] == 4);
  CHECK(imported["launchable"] == 3);
}

TEST_CASE("with import.schema_dir set, the published CourseStructure.xsd judges too", "[e2e][cmi5][xsd]") {
  REQUIRE_CONFORMANCE(dir);
  TempDir home, work;
  REQUIRE(run_trellis(home.path(), {"settings", "set", "import.schema_dir", (*dir / "schemas").string()}).exit_code == 0);
  // An AU whose url comes before its title: CourseStructure.xsd's order (LTS 207-1).
  std::string xml =
      "<?xml version=\"1.0\"?>\n<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n"
      "<course id=\"https://example.org/c\"><title><langstring>T</langstring></title><description><langstring>D"
      "</langstring></description></course>\n<au id=\"https://example.org/a\"><url>https://example.org/a</url>"
      "<title><langstring>A</langstring></title><description><langstring>D</langstring></description></au>\n"
      "</courseStructure>\n";
  write_file(work / "cmi5.xml", xml);
  auto r = run_trellis(home.path(), {"validate", zip_alone(work / "cmi5.xml", work / "207.zip").string(), "--json"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  json report = json::parse(r.out);
  CHECK(has_code(report, "cmi5.xsd.invalid"));
  CHECK(has_code(report, "cmi5.xml.unexpected-element"));
  fs::path sample = fs::path(TRELLIS_SOURCE_DIR) / "packages" / "cmi5-safety-basics";
  json valid = run_json(home.path(), "validate", sample, 0);
  CHECK(valid["diagnostics"].empty());
}

TEST_CASE("bare cmi5 course structures go in as XML files", "[e2e][cmi5][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  TempDir home;
  fs::path cmi5 = *dir / "packages" / "cmi5";
  json complex = run_json(home.path(), "import", cmi5 / "aicc_spec_complex-cmi5" / "complex-cmi5.xml", 0);
  CHECK(complex["format"] == "cmi5");
  CHECK(complex["items"] == 20);  // 6 blocks + 14 AUs
  CHECK(complex["launchable"] == 14);
  auto r = run_trellis(home.path(), {"import", (cmi5 / "catapult_lts_202-1-relative-url-no-zip" /
                                                "202-1-relative-url-no-zip.xml").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cmi5.au.url.relative-without-package") != std::string::npos);
}
