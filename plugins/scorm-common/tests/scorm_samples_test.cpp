// The sample courses in packages/ (written by this project) import cleanly and
// validate against the trusted schema folder. They carry no XSDs (the project
// does not copy the standards' files), so without a schema folder validation is
// skipped with a warning and nothing else changes.
#include <catch2/catch.hpp>

#include <filesystem>

#include "scorm_test_support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;
using namespace trellis::testing::scorm;
namespace fs = std::filesystem;

namespace {
fs::path sample(const char* name) { return fs::path(TRELLIS_SOURCE_DIR) / "packages" / name; }
}  // namespace

TEST_CASE("The SCORM 1.2 sample course imports with its structure", "[scorm][samples]") {
  MemoryPackage p = MemoryPackage::from_folder(sample("scorm12-workplace-safety"));
  CHECK(scorm12().detect(p).confidence == 95);
  CHECK(scorm2004().detect(p).confidence == 0);
  ImportOutcome out = scorm12().import(p);
  expect_clean(out);
  CHECK(out.has_code("scorm.xsd.unavailable"));
  CHECK_FALSE(out.has_code("scorm.file.missing"));
  CHECK_FALSE(out.has_code("scorm.launch.missing"));
  CHECK(count_kinds(out.course)["item"] == 5);
  CHECK(count_launchable(out.course) == 4);
  CHECK(count_scos_course(out.course) == 4);
  const nlohmann::json* quiz = find_node(out.course["nodes"], "item_quiz");
  REQUIRE(quiz);
  CHECK((*quiz)["attributes"]["masteryscore"] == 75.0);
  CHECK((*quiz)["attributes"]["prerequisites"]["type"] == "aicc_script");
}

TEST_CASE("The SCORM 1.2 sample course is valid against the trusted schemas", "[scorm][samples][xsd]") {
  auto dir = conformance_dir();
  if (!dir) TRELLIS_SKIP(TRELLIS_SHARED_DIR "/conformance is absent, so there are no schemas to validate against");
  MemoryPackage p = MemoryPackage::from_folder(sample("scorm12-workplace-safety"));
  ImportOutcome validated = scorm12().import(p, (*dir / "schemas").string());
  expect_clean(validated);
  CHECK(validated.has_code("scorm.xsd.trusted"));
}

TEST_CASE("The SCORM 2004 4th Edition sample course imports with its sequencing", "[scorm][samples]") {
  MemoryPackage p = MemoryPackage::from_folder(sample("scorm2004-fire-and-emergency"));
  CHECK(scorm2004().detect(p).what == "SCORM 2004 4th Edition");
  CHECK(scorm12().detect(p).confidence == 0);
  ImportOutcome out = scorm2004().import(p);
  expect_clean(out);
  CHECK_FALSE(out.has_code("scorm.file.missing"));
  CHECK(count_kinds(out.course)["item"] == 5);
  CHECK(count_scos_course(out.course) == 4);
  const nlohmann::json* check = find_node(out.course["nodes"], "assessment");
  REQUIRE(check);
  CHECK((*check)["sequencing"]["sequencingRules"]["preConditionRule"][0]["ruleAction"]["action"] == "disabled");
  CHECK((*check)["sequencing"]["limitConditions"]["attemptLimit"] == 3.0);
  const nlohmann::json* lesson = find_node(out.course["nodes"], "lesson_prevention");
  REQUIRE(lesson);
  CHECK((*lesson)["sequencing"]["deliveryControls"]["completionSetByContent"] == true);
  CHECK((*lesson)["attributes"]["completionThreshold"]["minProgressMeasure"] == 0.9);
}

TEST_CASE("The SCORM 2004 4th Edition sample course is valid against the trusted schemas", "[scorm][samples][xsd]") {
  auto dir = conformance_dir();
  if (!dir) TRELLIS_SKIP(TRELLIS_SHARED_DIR "/conformance is absent, so there are no schemas to validate against");
  MemoryPackage p = MemoryPackage::from_folder(sample("scorm2004-fire-and-emergency"));
  ImportOutcome validated = scorm2004().import(p, (*dir / "schemas").string());
  expect_clean(validated);
  CHECK(validated.has_code("scorm.xsd.trusted"));
}
