// The real SCORM packages of shared/conformance (see its SOURCES.md) import with
// exactly the facts recorded there, through the real plugin libraries; the
// negative ones are rejected by the rule they break. Each package is also
// validated against the trusted schema folder the conformance set ships.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "scorm_test_support.hpp"
#include "support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;
using namespace trellis::testing::scorm;
namespace fs = std::filesystem;

namespace {

struct Facts {
  const char* folder;  // under packages/
  const char* format;
  const char* edition;  // "" for SCORM 1.2
  const char* identifier;
  int organizations, items, launchable, scos, resources;
};

// From SOURCES.md: items, items with identifierref (all resolve to resources with
// an href, so they are the launchable ones), items referencing a SCO, resources.
const Facts kFacts[] = {
    {"scorm12/ContentPackagingOneFilePerSCO_SCORM12", "scorm12", "",
     "com.scorm.golfsamples.contentpackaging.multioscosinglefile.12", 1, 22, 18, 0, 19},
    {"scorm12/ContentPackagingSingleSCO_SCORM12", "scorm12", "", "com.scorm.golfsamples.contentpackaging.singlesco.12",
     1, 1, 1, 1, 1},
    {"scorm12/RuntimeBasicCalls_SCORM12", "scorm12", "", "com.scorm.golfsamples.runtime.basicruntime.12", 1, 1, 1, 1, 1},
    {"scorm12/totara_multi_level", "scorm12", "", "eXeewPackage144f81a2d22957005dd13", 1, 13, 13, 13, 13},
    {"scorm2004-2nd/ContentPackagingSingleSCO_SCORM20042ndEdition", "scorm2004", "2nd",
     "com.scorm.golfsamples.contentpackaging.singlesco.20042nd", 1, 1, 1, 1, 1},
    {"scorm2004-3rd/ContentPackagingMetadata_SCORM20043rdEdition", "scorm2004", "3rd",
     "com.scorm.golfsamples.contentpackaging.metadata.20043rd", 1, 1, 1, 1, 1},
    {"scorm2004-3rd/ContentPackagingOneFilePerSCO_SCORM20043rdEdition", "scorm2004", "3rd",
     "com.scorm.golfsamples.contentpackaging.multioscosinglefile.20043rd", 1, 22, 18, 0, 19},
    {"scorm2004-3rd/ContentPackagingSingleSCO_SCORM20043rdEdition", "scorm2004", "3rd",
     "com.scorm.golfsamples.contentpackaging.singlesco.20043rd", 1, 1, 1, 1, 1},
    {"scorm2004-3rd/RuntimeBasicCalls_SCORM20043rdEdition", "scorm2004", "3rd",
     "com.scorm.golfsamples.runtime.basicruntime.20043rd", 1, 1, 1, 1, 1},
    {"scorm2004-3rd/RuntimeMinimumCalls_SCORM20043rdEdition", "scorm2004", "3rd",
     "com.scorm.golfsamples.runtime.minimumcalls.20043rd", 1, 22, 18, 18, 19},
    {"scorm2004-3rd/SequencingForcedSequential_SCORM20043rdEdition", "scorm2004", "3rd",
     "com.scorm.golfsamples.sequencing.forcedsequential.20043rd", 1, 5, 5, 5, 6},
    {"scorm2004-3rd/SequencingPostTestRollup_SCORM20043rdEdition", "scorm2004", "3rd",
     "com.scorm.golfsamples.sequencing.posttestrollup.20043rd", 1, 5, 5, 5, 6},
    {"scorm2004-3rd/SequencingPreOrPostTestRollup_SCORM20043rdEdition", "scorm2004", "3rd",
     "com.scorm.golfsamples.sequencing.preorposttestrollup.20043rd", 1, 8, 6, 6, 6},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_API", "scorm2004", "4th", nullptr, 1, 3, 3, 2, 9},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_CM-01", "scorm2004", "4th", nullptr, 1, 3, 3, 3, 7},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_CM-04a", "scorm2004", "4th", nullptr, 1, 15, 10, 10, 7},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_CM-07d", "scorm2004", "4th", nullptr, 1, 18, 11, 11, 7},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_CO-03", "scorm2004", "4th", nullptr, 1, 7, 6, 6, 7},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_DDMa", "scorm2004", "4th", nullptr, 1, 2, 2, 2, 7},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_DMI", "scorm2004", "4th", nullptr, 1, 4, 4, 4, 10},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_OB-03b", "scorm2004", "4th", nullptr, 1, 9, 7, 7, 7},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_RU-17a", "scorm2004", "4th", nullptr, 1, 17, 10, 10, 7},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_SX-08a", "scorm2004", "4th", nullptr, 1, 1, 1, 0, 7},
    {"scorm2004-4th/ADL_CTS_LMSTestPackage_T-01a", "scorm2004", "4th", nullptr, 1, 42, 29, 29, 7},
    {"scorm2004-4th/SequencingPostTestRollup4thEd_SCORM20044thEdition", "scorm2004", "4th",
     "com.scorm.golfsamples.sequencing.posttestrollup4thEd.20044th", 1, 5, 5, 5, 6},
};

#define REQUIRE_CONFORMANCE(dir)                                                                          \
  auto dir = conformance_dir();                                                                           \
  if (!dir) TRELLIS_SKIP(TRELLIS_SHARED_DIR "/conformance is absent (the shared SCORM conformance packages)")

const LoadedImporter& importer_for(const std::string& format) { return format == "scorm12" ? scorm12() : scorm2004(); }
const LoadedImporter& other_than(const std::string& format) { return format == "scorm12" ? scorm2004() : scorm12(); }

void check_facts(const Facts& f, const MemoryPackage& pkg, const std::string& schema_dir) {
  INFO(f.folder << " schema_dir=" << schema_dir);
  CHECK(importer_for(f.format).detect(pkg).confidence >= 80);
  CHECK(other_than(f.format).detect(pkg).confidence == 0);
  ImportOutcome out = importer_for(f.format).import(pkg, schema_dir);
  expect_clean(out);
  REQUIRE(out.has_course);
  INFO(out.summary());
  const nlohmann::json& c = out.course;
  CHECK(c["format"] == f.format);
  if (*f.edition) CHECK(c["edition"] == f.edition);
  else CHECK(c["edition"].is_null());
  if (f.identifier) CHECK(c["identifier"] == f.identifier);
  auto kinds = count_kinds(c);
  CHECK(kinds["organization"] == f.organizations);
  CHECK(kinds["item"] == f.items);
  CHECK(count_launchable(c) == f.launchable);
  CHECK(count_scos_course(c) == f.scos);
  CHECK(c["resources"].size() == static_cast<size_t>(f.resources));
  CHECK_FALSE(out.has_code("scorm.xsd.invalid"));
  if (!schema_dir.empty()) CHECK(out.has_code("scorm.xsd.trusted"));
}

}  // namespace

TEST_CASE("Real SCORM packages import with the facts SOURCES.md records", "[scorm][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  for (const Facts& f : kFacts) {
    MemoryPackage pkg = MemoryPackage::from_folder(*dir / "packages" / f.folder);
    check_facts(f, pkg, "");
    check_facts(f, pkg, (*dir / "schemas").string());
  }
}

TEST_CASE("Golf packages carry the published schema files", "[scorm][conformance][xsd]") {
  REQUIRE_CONFORMANCE(dir);
  for (const char* folder : {"scorm12/RuntimeBasicCalls_SCORM12", "scorm2004-2nd/ContentPackagingSingleSCO_SCORM20042ndEdition",
                             "scorm2004-3rd/SequencingForcedSequential_SCORM20043rdEdition",
                             "scorm2004-4th/SequencingPostTestRollup4thEd_SCORM20044thEdition"}) {
    INFO(folder);
    MemoryPackage pkg = MemoryPackage::from_folder(*dir / "packages" / folder);
    ImportOutcome out = importer_for(std::string(folder).rfind("scorm12", 0) == 0 ? "scorm12" : "scorm2004").import(pkg);
    INFO(out.summary());
    CHECK(out.has_code("scorm.xsd.standard"));
    CHECK_FALSE(out.has_code("scorm.xsd.unavailable"));
    CHECK_FALSE(out.has_code("scorm.xsd.invalid"));
  }
}

TEST_CASE("The SCORM 1.2 ims_xml.xsd flaw is a warning, not a rejection", "[scorm][conformance][xsd]") {
  REQUIRE_CONFORMANCE(dir);
  ImportOutcome out = scorm12().import(MemoryPackage::from_folder(*dir / "packages/scorm12/RuntimeBasicCalls_SCORM12"));
  INFO(out.summary());
  REQUIRE(out.has_code("scorm.xsd.ims-xml"));
  CHECK(out.find("scorm.xsd.ims-xml")->severity == 1);
  CHECK(out.errors() == 0);
}

TEST_CASE("Manifest-only ADL CTS packages import, their absent files reported as warnings", "[scorm][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  ImportOutcome out =
      scorm2004().import(MemoryPackage::from_folder(*dir / "packages/scorm2004-4th/ADL_CTS_LMSTestPackage_CM-01"));
  INFO(out.summary());
  CHECK(out.errors() == 0);
  REQUIRE(out.has_code("scorm.launch.missing"));
  CHECK(out.find("scorm.launch.missing")->message.find("resources/SequencingTest.htm") != std::string::npos);
  CHECK(out.has_code("scorm.file.missing"));
}

TEST_CASE("The package without an organization is rejected", "[scorm][conformance]") {
  REQUIRE_CONFORMANCE(dir);
  MemoryPackage pkg = MemoryPackage::from_folder(*dir / "packages/scorm12/singlescobasic_missingorg");
  CHECK(scorm12().detect(pkg).confidence > 0);
  expect_rejected(scorm12().import(pkg), "scorm.organization.none");
}

TEST_CASE("Original zips unpack to the same facts", "[scorm][conformance][zip]") {
  REQUIRE_CONFORMANCE(dir);
  struct Zip {
    const char* zip;
    Facts facts;
  };
  const Zip zips[] = {
      {"scorm12/multi_level.zip", {"multi_level.zip", "scorm12", "", "eXeewPackage144f81a2d22957005dd13", 1, 13, 13, 13, 13}},
      {"scorm12/singlesco_scorm12.zip",
       {"singlesco_scorm12.zip", "scorm12", "", "com.scorm.golfsamples.contentpackaging.singlesco.12", 1, 1, 1, 1, 1}},
      {"scorm12/singlescobasic.zip",
       {"singlescobasic.zip", "scorm12", "", "com.scorm.golfsamples.runtime.basicruntime.12", 1, 1, 1, 1, 1}},
      {"scorm2004-3rd/RuntimeBasicCalls_SCORM20043rdEdition.zip",
       {"RuntimeBasicCalls_SCORM20043rdEdition.zip", "scorm2004", "3rd",
        "com.scorm.golfsamples.runtime.basicruntime.20043rd", 1, 1, 1, 1, 1}},
  };
  for (const Zip& z : zips) {
    TempDir tmp;
    ProcessResult r = run({"/usr/bin/unzip", "-q", (*dir / "packages" / z.zip).string(), "-d", tmp.path().string()});
    REQUIRE(r.exit_code == 0);
    check_facts(z.facts, MemoryPackage::from_folder(tmp.path()), "");
  }
}

TEST_CASE("Moodle's broken packages are refused with a precise reason", "[scorm][conformance][zip]") {
  REQUIRE_CONFORMANCE(dir);
  fs::path neg = *dir / "packages/scorm12/moodle_negative";
  auto unpack = [&](const char* name, TempDir& tmp) {
    ProcessResult r = run({"/usr/bin/unzip", "-q", (neg / name).string(), "-d", tmp.path().string()});
    REQUIRE(r.exit_code == 0);
    return MemoryPackage::from_folder(tmp.path());
  };
  {
    TempDir tmp;  // no manifest anywhere: neither plugin claims it
    MemoryPackage pkg = unpack("invalid.zip", tmp);
    CHECK(scorm12().detect(pkg).confidence == 0);
    CHECK(scorm2004().detect(pkg).confidence == 0);
    expect_rejected(scorm12().import(pkg), "scorm.manifest.missing");
  }
  {
    TempDir tmp;  // a manifest that is only an XML declaration
    MemoryPackage pkg = unpack("validscorm.zip", tmp);
    CHECK(scorm12().detect(pkg).confidence > 0);
    CHECK(scorm2004().detect(pkg).confidence == 0);
    expect_rejected(scorm12().import(pkg), "scorm.xml.malformed");
  }
  {
    TempDir tmp;  // the same, one folder down
    MemoryPackage pkg = unpack("badscorm.zip", tmp);
    CHECK(scorm12().detect(pkg).confidence > 0);
    ImportOutcome out = scorm12().import(pkg);
    expect_rejected(out, "scorm.xml.malformed");
    CHECK(out.has_code("scorm.manifest.nested"));
  }
}
