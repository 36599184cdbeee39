// Every package of shared/conformance/packages through the real `trellis
// validate|import --json` with the bundled importer plugins, checked against the
// facts shared/conformance/SOURCES.md records for it: format, edition, counts,
// identifier and title for those that must import (then `course list|show` read
// them back), the precise rule for those that must be rejected (exit 1, nothing
// stored). A corpus entry without a row here fails the test, so the table stays
// exhaustive.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::string> kBundled = {{"TRELLIS_PLUGIN_PATH", TRELLIS_BINARY_DIR "/lib/trellis/plugins"}};

// How the entry becomes something `trellis import` takes.
enum class Input {
  as_is,           // the folder or zip itself
  bare_xml,        // the single XML file inside the folder (cmi5 LTS bare course structures)
  with_index_html, // the folder plus the index.html the CATAPULT LTS build would generate
  zip64,           // the folder zipped as ZIP64 (what LTS 102 is about), plus index.html
  each_zip,        // a folder of zips, each imported on its own (see kMoodleNegative)
};

struct Accepted {
  const char* format;
  const char* edition;  // nullptr: none (SCORM 1.2, cmi5, xAPI)
  std::string identifier;
  std::string title;
  int items, launchable, scos;
  int organizations, resources;  // -1: SOURCES.md gives no figure for this format
};

struct Entry {
  const char* path;  // under packages/
  Input input;
  std::optional<Accepted> accepted;  // nullopt: must be rejected
  const char* rejection_code = nullptr;
};

constexpr const char* kGolfCpOneFile = "Golf Explained - CP One File Per SCO";
constexpr const char* kGolfSingle = "Golf Explained - CP Single SCO";
constexpr const char* kGolfBasic = "Golf Explained - Run-time Basic Calls";

// The SCORM counts: "items" all <item>s, "launchable" items with an
// identifierref (every one resolves to a resource with an href), "scos" items
// referencing a SCO resource, "resources" all <resource>s.
Accepted scorm(const char* format, const char* edition, std::string identifier, std::string title, int items,
               int launchable, int scos, int resources) {
  return {format, edition, identifier, title, items, launchable, scos, 1, resources};
}
// cmi5: items are blocks plus AUs, every AU is launchable, nothing is a SCO.
Accepted cmi5(const std::string& identifier, std::string title, int blocks, int aus) {
  return {"cmi5", nullptr, identifier, title, blocks + aus, aus, 0, -1, -1};
}
Accepted xapi(std::string identifier, std::string title) { return {"xapi", nullptr, identifier, title, 1, 1, 0, -1, -1}; }

const std::string kLts = "https://w3id.org/xapi/cmi5/catapult/lts/course/";

const std::vector<Entry>& corpus() {
  static const std::vector<Entry> entries = {
      // SCORM 1.2
      {"scorm12/ContentPackagingOneFilePerSCO_SCORM12", Input::as_is,
       scorm("scorm12", nullptr, "com.scorm.golfsamples.contentpackaging.multioscosinglefile.12", kGolfCpOneFile, 22, 18,
             0, 19)},
      {"scorm12/ContentPackagingSingleSCO_SCORM12", Input::as_is,
       scorm("scorm12", nullptr, "com.scorm.golfsamples.contentpackaging.singlesco.12", kGolfSingle, 1, 1, 1, 1)},
      {"scorm12/RuntimeBasicCalls_SCORM12", Input::as_is,
       scorm("scorm12", nullptr, "com.scorm.golfsamples.runtime.basicruntime.12", kGolfBasic, 1, 1, 1, 1)},
      {"scorm12/totara_multi_level", Input::as_is,
       scorm("scorm12", nullptr, "eXeewPackage144f81a2d22957005dd13", "Level 1", 13, 13, 13, 13)},
      {"scorm12/multi_level.zip", Input::as_is,
       scorm("scorm12", nullptr, "eXeewPackage144f81a2d22957005dd13", "Level 1", 13, 13, 13, 13)},
      {"scorm12/singlesco_scorm12.zip", Input::as_is,
       scorm("scorm12", nullptr, "com.scorm.golfsamples.contentpackaging.singlesco.12", kGolfSingle, 1, 1, 1, 1)},
      {"scorm12/singlescobasic.zip", Input::as_is,
       scorm("scorm12", nullptr, "com.scorm.golfsamples.runtime.basicruntime.12", kGolfBasic, 1, 1, 1, 1)},
      {"scorm12/singlescobasic_missingorg", Input::as_is, std::nullopt, "scorm.organization.none"},
      {"scorm12/singlescobasic_missingorg.zip", Input::as_is, std::nullopt, "scorm.organization.none"},
      {"scorm12/moodle_negative", Input::each_zip, std::nullopt, nullptr},
      // SCORM 2004 2nd
      {"scorm2004-2nd/ContentPackagingSingleSCO_SCORM20042ndEdition", Input::as_is,
       scorm("scorm2004", "2nd", "com.scorm.golfsamples.contentpackaging.singlesco.20042nd", kGolfSingle, 1, 1, 1, 1)},
      // SCORM 2004 3rd
      {"scorm2004-3rd/ContentPackagingMetadata_SCORM20043rdEdition", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.contentpackaging.metadata.20043rd",
             "Golf Explained - Metadata Example", 1, 1, 1, 1)},
      {"scorm2004-3rd/ContentPackagingOneFilePerSCO_SCORM20043rdEdition", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.contentpackaging.multioscosinglefile.20043rd", kGolfCpOneFile,
             22, 18, 0, 19)},
      {"scorm2004-3rd/ContentPackagingSingleSCO_SCORM20043rdEdition", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.contentpackaging.singlesco.20043rd", kGolfSingle, 1, 1, 1, 1)},
      {"scorm2004-3rd/RuntimeBasicCalls_SCORM20043rdEdition", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.runtime.basicruntime.20043rd", kGolfBasic, 1, 1, 1, 1)},
      {"scorm2004-3rd/RuntimeBasicCalls_SCORM20043rdEdition.zip", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.runtime.basicruntime.20043rd", kGolfBasic, 1, 1, 1, 1)},
      {"scorm2004-3rd/RuntimeMinimumCalls_SCORM20043rdEdition", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.runtime.minimumcalls.20043rd",
             "Golf Explained - Minimum Run-time Calls", 22, 18, 18, 19)},
      {"scorm2004-3rd/SequencingForcedSequential_SCORM20043rdEdition", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.sequencing.forcedsequential.20043rd",
             "Golf Explained - Sequencing Forced Order", 5, 5, 5, 6)},
      {"scorm2004-3rd/SequencingPostTestRollup_SCORM20043rdEdition", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.sequencing.posttestrollup.20043rd",
             "Golf Explained - Sequencing Post Test Rollup", 5, 5, 5, 6)},
      {"scorm2004-3rd/SequencingPreOrPostTestRollup_SCORM20043rdEdition", Input::as_is,
       scorm("scorm2004", "3rd", "com.scorm.golfsamples.sequencing.preorposttestrollup.20043rd",
             "Golf Explained - Sequencing Pre or Post Test Rollup", 8, 6, 6, 6)},
      // SCORM 2004 4th
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_API", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_API", "LMS Test Content Package API", 3, 3, 2, 9)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_CM-01", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_CM-01", "LMS Test Content Package CM-01", 3, 3, 3, 7)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_CM-04a", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_CM-04a", "LMS Test Content Package CM-04a", 15, 10, 10, 7)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_CM-07d", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_CM-07d", "LMS Test Content Package CM-07d", 18, 11, 11, 7)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_CO-03", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_CO-03", "LMS Test Content Package CO-03", 7, 6, 6, 7)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_DDMa", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_DDMa", "LMS Test Content Package DDMa", 2, 2, 2, 7)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_DMI", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_DMI", "LMS Test Content Package DMI", 4, 4, 4, 10)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_OB-03b", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_OB-03b", "LMS Test Content Package OB-03b", 9, 7, 7, 7)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_RU-17a", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_RU-17a", "LMS Test Content Package RU-17a", 17, 10, 10, 7)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_SX-08a", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_SX-08a", "LMS Test Content Package SX-08a", 1, 1, 0, 7)},
      {"scorm2004-4th/ADL_CTS_LMSTestPackage_T-01a", Input::as_is,
       scorm("scorm2004", "4th", "LMSTestPackage_T-01a", "LMS Test Content Package T-01a", 42, 29, 29, 7)},
      {"scorm2004-4th/SequencingPostTestRollup4thEd_SCORM20044thEdition", Input::as_is,
       scorm("scorm2004", "4th", "com.scorm.golfsamples.sequencing.posttestrollup4thEd.20044th",
             "Golf Explained - 4th Edition Features", 5, 5, 5, 6)},
      // cmi5: AICC spec examples (bare course structures, absolute AU urls)
      {"cmi5/aicc_spec_complex-cmi5", Input::bare_xml,
       cmi5("http://courses.example.edu/identifiers/courses/d07e186b", "Geology", 6, 14)},
      {"cmi5/aicc_spec_simple-cmi5", Input::bare_xml,
       cmi5("http://course-repository.example.edu/identifiers/courses/02baafcf", "Introduction to Geology", 0, 1)},
      // cmi5: CATAPULT LTS runtime tests (must import; the LTS build adds index.html)
      {"cmi5/catapult_lts_001-essentials", Input::with_index_html,
       cmi5(kLts + std::string("001-essentials"), "CATAPULT LMS Test Course: 001 Essentials", 1, 1)},
      {"cmi5/catapult_lts_002-allowed", Input::with_index_html,
       cmi5(kLts + std::string("002-allowed"), "CATAPULT LMS Test Course: 002 Allowed", 0, 1)},
      {"cmi5/catapult_lts_003-launchMethod-OwnWindow", Input::with_index_html,
       cmi5(kLts + std::string("003-launchMethod-OwnWindow"), "CATAPULT LMS Test Course: 003 launchMethod OwnWindow", 0, 1)},
      {"cmi5/catapult_lts_004-1-moveOn-Completed", Input::with_index_html,
       cmi5(kLts + std::string("004-1-moveOn-Completed"), "CATAPULT LMS Test Course: 004-1 moveOn Completed", 1, 1)},
      {"cmi5/catapult_lts_004-2-moveOn-CompletedOrPassed", Input::with_index_html,
       cmi5(kLts + std::string("004-2-moveOn-CompletedOrPassed"),
            "CATAPULT LMS Test Course: 004-2 moveOn CompletedOrPassed", 1, 1)},
      {"cmi5/catapult_lts_004-3-moveOn-Passed", Input::with_index_html,
       cmi5(kLts + std::string("004-3-moveOn-Passed"), "CATAPULT LMS Test Course: 004-3 moveOn Passed", 1, 1)},
      {"cmi5/catapult_lts_006-launchMode", Input::with_index_html,
       cmi5(kLts + std::string("006-launchMode"), "CATAPULT LMS Test Course: 006 launchMode", 0, 1)},
      {"cmi5/catapult_lts_007-1-multi-session", Input::with_index_html,
       cmi5(kLts + std::string("007-1-multi-session"), "CATAPULT LMS Test Course: 007-1 Multi Session", 0, 1)},
      {"cmi5/catapult_lts_008-1-abandoned", Input::with_index_html,
       cmi5(kLts + std::string("008-1-abandoned"), "CATAPULT LMS Test Course: 008-1 Abandoned", 0, 1)},
      {"cmi5/catapult_lts_102-zip64", Input::zip64,
       cmi5(kLts + std::string("102-zip64"), "CATAPULT LMS Test Course: 102 Zip64", 0, 1)},
      // cmi5: CATAPULT LTS packages that must be rejected
      {"cmi5/catapult_lts_201-1-iris-course-id", Input::bare_xml, std::nullopt, "cmi5.course.id.not-iri"},
      {"cmi5/catapult_lts_201-2-iris-block-id", Input::bare_xml, std::nullopt, "cmi5.block.id.not-iri"},
      {"cmi5/catapult_lts_202-1-relative-url-no-zip", Input::bare_xml, std::nullopt,
       "cmi5.au.url.relative-without-package"},
      {"cmi5/catapult_lts_202-3-relative-url-no-zip", Input::bare_xml, std::nullopt,
       "cmi5.au.url.relative-without-package"},
      {"cmi5/catapult_lts_203-1-relative-url-no-reference", Input::as_is, std::nullopt, "cmi5.au.url.file-missing"},
      {"cmi5/catapult_lts_204-query-string-conflict-endpoint", Input::bare_xml, std::nullopt,
       "cmi5.au.url.reserved-parameter"},
      {"cmi5/catapult_lts_205-3-duplicated-au", Input::bare_xml, std::nullopt, "cmi5.id.duplicate"},
      {"cmi5/catapult_lts_206-1-invalid-au-url", Input::bare_xml, std::nullopt, "cmi5.au.url.invalid"},
      {"cmi5/catapult_lts_208-1-invalid-package", Input::bare_xml, std::nullopt, "import.format-unknown"},
      {"cmi5/catapult_lts_209-1-not-a-zip", Input::bare_xml, std::nullopt, "import.format-unknown"},
      // cmi5: CATAPULT course examples with their content
      {"cmi5/catapult_masteryscore_framed", Input::as_is,
       cmi5(kLts + std::string("geology-intro-single-au-mastery-score-framed"),
            "Introduction to Geology - Framed Style - Mastery Score", 0, 1)},
      {"cmi5/catapult_multi_au_framed", Input::as_is,
       cmi5(kLts + std::string("geology-intro-multi-au-framed"), "Introduction to Geology - Multi AU at Root", 0, 8)},
      {"cmi5/catapult_single_au_basic_framed", Input::as_is,
       cmi5(kLts + std::string("geology-intro-single-au-basic"), "Introduction to Geology - Framed Style", 0, 1)},
      {"cmi5/catapult_single_au_basic_responsive", Input::as_is,
       cmi5(kLts + std::string("geology-intro-single-au-basic-responsive"), "Introduction to Geology - Responsive Style",
            0, 1)},
      {"cmi5/single_au_basic_framed.zip", Input::as_is,
       cmi5(kLts + std::string("geology-intro-single-au-basic"), "Introduction to Geology - Framed Style", 0, 1)},
      // xAPI / TinCan
      {"xapi/GolfExample_TCAPI", Input::as_is,
       xapi("http://id.tincanapi.com/activity/tincan-prototypes/golf-example", "Tin Can Golf Example")},
      {"xapi/JsTetris_TCAPI", Input::as_is, xapi("http://id.tincanapi.com/activity/tincan-prototypes/tetris",
                                                  "Tin Can Tetris Example")},
  };
  return entries;
}

// moodle_negative holds three zips, each broken its own way (SOURCES.md).
const std::map<std::string, std::string> kMoodleNegative = {
    {"invalid.zip", "import.format-unknown"},   // no manifest at all: no importer claims it
    {"validscorm.zip", "scorm.xml.malformed"},  // a manifest that is only an XML declaration
    {"badscorm.zip", "scorm.xml.malformed"},    // the same, one folder down
};

std::optional<fs::path> conformance() {
  auto shared = shared_dir();
  if (!shared) return std::nullopt;
  return *shared / "conformance";
}

#define REQUIRE_CONFORMANCE(dir)                                                                            \
  auto dir = conformance();                                                                                 \
  if (!dir) TRELLIS_SKIP(TRELLIS_SHARED_DIR "/conformance is absent (the shared conformance packages)")

ProcessResult cli(const fs::path& home, const std::vector<std::string>& args) {
  return run_trellis(home, args, kBundled);
}

bool has_code(const json& report, const std::string& code) {
  for (const auto& d : report.value("diagnostics", json::array()))
    if (d.value("code", "") == code) return true;
  return false;
}

// The package `trellis import` is given for `e`, built under `work` when needed.
fs::path package_for(const fs::path& corpus_root, const Entry& e, const fs::path& work) {
  fs::path source = corpus_root / e.path;
  switch (e.input) {
    case Input::as_is:
    case Input::each_zip: return source;
    case Input::bare_xml: {
      std::vector<fs::path> files;
      for (const auto& f : fs::directory_iterator(source)) files.push_back(f.path());
      REQUIRE(files.size() == 1);
      return files.front();
    }
    case Input::with_index_html:
    case Input::zip64: {
      fs::path copy = work / fs::path(e.path).filename();
      fs::copy(source, copy, fs::copy_options::recursive);
      for (auto& f : fs::recursive_directory_iterator(copy))
        fs::permissions(f.path(), fs::perms::owner_all, fs::perm_options::add);
      write_file(copy / "index.html", "<!doctype html><title>AU</title>");
      if (e.input == Input::with_index_html) return copy;
      fs::path zip = work / (fs::path(e.path).filename().string() + ".zip");
      auto r = run({"/bin/sh", "-c", "cd '" + copy.string() + "' && zip -q -r -fz '" + zip.string() + "' ."});
      REQUIRE(r.exit_code == 0);
      return zip;
    }
  }
  return source;
}

void check_counts(const json& report, const Accepted& a) {
  CHECK(report["format"] == a.format);
  if (a.edition) CHECK(report["edition"] == a.edition);
  else CHECK(report["edition"].is_null());
  CHECK(report["identifier"] == a.identifier);
  CHECK(report["title"] == a.title);
  CHECK(report["items"] == a.items);
  CHECK(report["launchable"] == a.launchable);
  CHECK(report["scos"] == a.scos);
  if (a.organizations >= 0) CHECK(report["organizations"] == a.organizations);
  if (a.resources >= 0) CHECK(report["resources"] == a.resources);
}

void check_accepted(const fs::path& package, const Accepted& a) {
  TempDir home;
  auto validated = cli(home.path(), {"validate", package.string(), "--json"});
  INFO("validate: exit " << validated.exit_code << "\n" << validated.out << validated.err);
  REQUIRE(validated.exit_code == 0);
  json v = json::parse(validated.out);
  check_counts(v, a);
  CHECK(v["course_id"].is_null());

  auto imported = cli(home.path(), {"import", package.string(), "--json"});
  INFO("import: exit " << imported.exit_code << "\n" << imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  json report = json::parse(imported.out);
  check_counts(report, a);
  CHECK(report["stored"] == true);
  CHECK(report["version"] == 1);
  std::string id = report["course_id"];

  auto listed = cli(home.path(), {"course", "list", "--json"});
  REQUIRE(listed.exit_code == 0);
  json courses = json::parse(listed.out)["courses"];
  REQUIRE(courses.size() == 1);
  CHECK(courses[0]["course_id"] == id);
  check_counts(courses[0], a);

  auto shown = cli(home.path(), {"course", "show", id, "--json"});
  REQUIRE(shown.exit_code == 0);
  json detail = json::parse(shown.out);
  CHECK(detail["title"] == a.title);
  CHECK(detail["modules"].size() == static_cast<size_t>(a.items));
  size_t launchable = 0;
  for (const auto& m : detail["modules"]) launchable += m["launchable"].get<bool>() ? 1 : 0;
  CHECK(launchable == static_cast<size_t>(a.launchable));
  CHECK(files_below(home / "courses" / id / "1") > 0);
  CHECK(files_below(home / "tmp") == 0);
}

void check_rejected(const fs::path& package, const std::string& code) {
  TempDir home;
  for (const char* command : {"validate", "import"}) {
    auto r = cli(home.path(), {command, package.string(), "--json"});
    INFO(command << ": exit " << r.exit_code << "\nstdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(code) != std::string::npos);
    if (!r.out.empty()) CHECK(has_code(json::parse(r.out), code));
  }
  CHECK(import_leftovers(home.path(), kBundled) == "");
}

}  // namespace

TEST_CASE("every shared conformance package has its facts here", "[e2e][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  std::set<std::string> known;
  for (const Entry& e : corpus()) known.insert(e.path);
  for (const auto& standard : fs::directory_iterator(*dir / "packages"))
    for (const auto& package : fs::directory_iterator(standard.path())) {
      std::string rel = standard.path().filename().string() + "/" + package.path().filename().string();
      INFO(rel << " is in the corpus but has no row in this test");
      CHECK(known.count(rel) == 1);
    }
}

TEST_CASE("every shared conformance package imports or is rejected as SOURCES.md says", "[e2e][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  TempDir work;
  for (const Entry& e : corpus()) {
    INFO(e.path);
    if (!fs::exists(*dir / "packages" / e.path)) {
      FAIL_CHECK("missing from the corpus");
      continue;
    }
    if (e.input == Input::each_zip) {
      for (const auto& [zip, code] : kMoodleNegative) {
        INFO(zip);
        check_rejected(*dir / "packages" / e.path / zip, code);
      }
      continue;
    }
    fs::path package = package_for(*dir / "packages", e, work.path());
    if (e.accepted) check_accepted(package, *e.accepted);
    else check_rejected(package, e.rejection_code);
  }
}

TEST_CASE("with the standard schemas as the home's schema folder, every SCORM package validates against them",
          "[e2e][conformance][scorm][xsd]") {
  REQUIRE_CONFORMANCE(dir);
  TempDir home;
  REQUIRE(cli(home.path(), {"settings", "set", "import.schema_dir", (*dir / "schemas").string()}).exit_code == 0);
  for (const Entry& e : corpus()) {
    if (!e.accepted || std::string(e.accepted->format).rfind("scorm", 0) != 0) continue;
    INFO(e.path);
    auto r = cli(home.path(), {"validate", (*dir / "packages" / e.path).string(), "--json"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    json report = json::parse(r.out);
    CHECK(has_code(report, "scorm.xsd.trusted"));
    CHECK_FALSE(has_code(report, "scorm.xsd.invalid"));
    CHECK_FALSE(has_code(report, "scorm.xsd.unavailable"));
  }
}
