// What the cmi5 importer hands the host: the course model (trellis.course/1), and
// how detect() answers for what is and is not a cmi5 package.
#include <catch2/catch.hpp>

#include "cmi5_test_support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;
using namespace trellis::testing::cmi5;

TEST_CASE("the plugin is the cmi5 importer", "[cmi5][model]") {
  CHECK(plugin().plugin_id() == "cmi5");
  CHECK(plugin().format() == "cmi5");
}

TEST_CASE("detect is honest about what it recognises", "[cmi5][detect]") {
  std::string xml = single_au(Au{});
  SECTION("a package with cmi5.xml at its root") {
    Detection d = plugin().detect(package_with(xml));
    CHECK(d.confidence >= 90);
    CHECK(d.what.find("cmi5") != std::string::npos);
  }
  SECTION("a bare course structure under any .xml name") {
    CHECK(plugin().detect(MemoryPackage({{"201-1-iris-course-id.xml", xml}})).confidence >= 80);
  }
  SECTION("a bare file the host opened is sniffed under any name") {
    CHECK(plugin().detect(MemoryPackage({{"upload.zip", xml}}).as_single_file()).confidence >= 80);
    CHECK(plugin().detect(MemoryPackage({{"upload.zip", "PK-not-xml"}}).as_single_file()).confidence == 0);
  }
  SECTION("a course structure under another name beside other files is a near miss") {
    Detection d = plugin().detect(MemoryPackage({{"extended-cmi5.xml", xml}, {"index.html", ""}, {"notes.xml", "<n/>"}}));
    CHECK(d.confidence == 0);
    CHECK(d.near_misses == std::vector<std::string>{
                               "found extended-cmi5.xml with a cmi5 courseStructure root: import that file, or rename "
                               "it cmi5.xml"});
    CHECK(plugin().detect(MemoryPackage({{"notes.xml", "<n/>"}, {"index.html", ""}})).near_misses.empty());
  }
  SECTION("a single XML file that is not a course structure") {
    CHECK(plugin().detect(MemoryPackage({{"notes.xml", "<notes/>"}})).confidence == 0);
    CHECK(plugin().detect(MemoryPackage({{"broken.xml", "<courseStructure"}})).confidence == 0);
  }
  SECTION("cmi5.xml below the root, a markdown file, a SCORM package") {
    CHECK(plugin().detect(MemoryPackage({{"course/cmi5.xml", xml}, {"course/index.html", ""}})).confidence == 0);
    CHECK(plugin().detect(MemoryPackage({{"208-1-invalid-package.md", "# not a package"}})).confidence == 0);
    CHECK(plugin().detect(MemoryPackage({{"imsmanifest.xml", "<manifest/>"}, {"a.html", ""}})).confidence == 0);
    CHECK(plugin().detect(MemoryPackage()).confidence == 0);
  }
}

TEST_CASE("the course model carries every part of the course structure", "[cmi5][model]") {
  std::string objectives =
      "<objectives><objective id=\"https://example.org/o1\"><description>" + langstrings("Know rocks") +
      "</description><title>" + langstrings("Rocks") + langstrings("Gestein", "de-DE") +
      "</title></objective></objectives>";
  Au au;
  au.id = "https://example.org/au/quiz";
  au.attributes = R"(moveOn="CompletedAndPassed" masteryScore="0.75" launchMethod="OwnWindow" activityType="http://adlnet.gov/expapi/activities/assessment" x:weight="3" xmlns:x="https://example.org/x")";
  au.body_before_url = "<objectives><objective idref=\"https://example.org/o1\"/></objectives>";
  au.url = "quiz/start.html?level=2";
  au.body_after_url = "<launchParameters>{\"mode\":1}</launchParameters><entitlementKey> key-1 </entitlementKey>"
                      "<x:hint xmlns:x=\"https://example.org/x\" level=\"2\">Try <x:b>hard</x:b></x:hint>";
  std::string xml = course_structure(
      block("https://example.org/b1", block("https://example.org/b1/b2", au.xml())) +
          "<ext:meta xmlns:ext=\"https://example.org/ext\">kept</ext:meta>",
      objectives, "https://example.org/course/geo", " xmlns:y=\"https://example.org/y\" y:origin=\"tool\"");
  const std::string au_title_end = "An AU</langstring></title>";
  xml.replace(xml.find(au_title_end), au_title_end.size(),
              "An AU</langstring><x:audio xmlns:x=\"https://example.org/x\" src=\"quiz.mp3\"/></title>");
  xml.replace(xml.find(langstrings("A course")), langstrings("A course").size(),
              langstrings("Geology") + langstrings("Geologie", "de-DE") + "<langstring>Untagged</langstring>");
  ImportOutcome out = plugin().import(
      MemoryPackage({{"cmi5.xml", xml}, {"quiz/start.html", "<html/>"}}, "geo.zip"));
  INFO(out.summary());
  REQUIRE(out.errors() == 0);
  const nlohmann::json& c = out.course;
  CHECK(c["schema"] == "trellis.course/1");
  CHECK(c["format"] == "cmi5");
  CHECK(c["edition"].is_null());
  CHECK(c["identifier"] == "https://example.org/course/geo");
  CHECK(c["title"] == "Geology");
  CHECK(c["titles"] == nlohmann::json({{"en-US", "Geology"}, {"de-DE", "Geologie"}, {"und", "Untagged"}}));
  CHECK(c["description"] == "About the course");
  CHECK(c["language"] == "en-US");
  CHECK(c["resources"].empty());
  CHECK(c["metadata"]["objectives"][0]["titles"]["de-DE"] == "Gestein");
  CHECK(c["extensions"]["courseStructure"]["attributes"]["{https://example.org/y}origin"] == "tool");
  const std::string& root_ext = c["extensions"]["courseStructure"]["elements"][0].get_ref<const std::string&>();
  CHECK(root_ext.find("<ext:meta") == 0);
  CHECK(root_ext.find("xmlns:ext=\"https://example.org/ext\"") != std::string::npos);

  REQUIRE(c["nodes"].size() == 1);
  const nlohmann::json& b1 = c["nodes"][0];
  CHECK(b1["kind"] == "block");
  CHECK(b1["launchable"] == false);
  const nlohmann::json& q = b1["children"][0]["children"][0];
  CHECK(b1["children"][0]["identifier"] == "https://example.org/b1/b2");
  CHECK(q["kind"] == "au");
  CHECK(q["identifier"] == "https://example.org/au/quiz");
  CHECK(q["launchable"] == true);
  CHECK(q["launch"] == nlohmann::json({{"href", "quiz/start.html?level=2"}, {"external", false}}));
  CHECK(q["attributes"]["moveOn"] == "CompletedAndPassed");
  CHECK(q["attributes"]["masteryScore"] == Approx(0.75));
  CHECK(q["attributes"]["launchMethod"] == "OwnWindow");
  CHECK(q["attributes"]["activityType"] == "http://adlnet.gov/expapi/activities/assessment");
  CHECK(q["attributes"]["launchParameters"] == "{\"mode\":1}");
  CHECK(q["attributes"]["entitlementKey"] == "key-1");
  CHECK(q["objectives"] == nlohmann::json::array({"https://example.org/o1"}));
  CHECK(q["extensions"]["attributes"]["{https://example.org/x}weight"] == "3");
  CHECK(q["extensions"]["elements"][0].get<std::string>().find("<x:audio") == 0);
  const std::string& hint = q["extensions"]["elements"][1].get_ref<const std::string&>();
  CHECK(hint.find("<x:hint") == 0);
  CHECK(hint.find("<x:b>hard</x:b>") != std::string::npos);
  CHECK(count_kinds(c) == std::map<std::string, int>{{"au", 1}, {"block", 2}});
  CHECK(count_launchable(c) == 1);
}

TEST_CASE("the published XSD runs when a schema folder is configured", "[cmi5][xsd]") {
  auto shared = std::filesystem::path(TRELLIS_SHARED_DIR) / "conformance" / "schemas";
  if (!std::filesystem::exists(shared / "cmi5" / "CourseStructure.xsd")) {
    TRELLIS_SKIP(shared.string() << " is absent, so there is no CourseStructure.xsd to validate against");
  }
  SECTION("a valid course passes both") {
    ImportOutcome out = import_xml(single_au(Au{}), shared.string());
    INFO(out.summary());
    CHECK(out.diagnostics.empty());
  }
  SECTION("a violation is reported by the schema too, with its line") {
    Au au;
    au.attributes = "moveOn=\"Finished\"";
    ImportOutcome out = import_xml(single_au(au), shared.string());
    INFO(out.summary());
    REQUIRE(out.has_code("cmi5.xsd.invalid"));
    CHECK(out.find("cmi5.xsd.invalid")->line == 4);
    CHECK(out.find("cmi5.xsd.invalid")->message.find("CourseStructure.xsd") == 0);
    CHECK(out.has_code("cmi5.au.moveOn.invalid"));
  }
  SECTION("a folder without the schema is a warning, not a failure") {
    trellis::testing::MemoryPackage p = package_with(single_au(Au{}));
    ImportOutcome out = plugin().import(p, "/nonexistent-schema-folder");
    CHECK(out.errors() == 0);
    CHECK(out.has_code("cmi5.xsd.unavailable"));
  }
}

TEST_CASE("the project's sample cmi5 course imports cleanly", "[cmi5][sample]") {
  auto folder = std::filesystem::path(TRELLIS_SOURCE_DIR) / "packages" / "cmi5-safety-basics";
  MemoryPackage p = MemoryPackage::from_folder(folder);
  CHECK(plugin().detect(p).confidence >= 90);
  ImportOutcome out = plugin().import(p);
  expect_clean(out);
  CHECK(out.diagnostics.empty());
  CHECK(count_kinds(out.course) == std::map<std::string, int>{{"au", 3}, {"block", 1}});
  CHECK(count_launchable(out.course) == 3);
  CHECK(out.course["titles"]["fr-FR"] == "Les bases de la sécurité");
  CHECK(out.course["nodes"][1]["launch"]["href"] == "au/quiz.html");
  CHECK(out.course["nodes"][1]["attributes"]["masteryScore"] == Approx(0.75));
}

TEST_CASE("the project's sample cmi5 course is valid against the published XSD", "[cmi5][sample][xsd]") {
  auto schemas = std::filesystem::path(TRELLIS_SHARED_DIR) / "conformance" / "schemas";
  if (!std::filesystem::exists(schemas / "cmi5" / "CourseStructure.xsd")) {
    TRELLIS_SKIP(schemas.string() << " is absent, so there is no CourseStructure.xsd to validate against");
  }
  MemoryPackage p = MemoryPackage::from_folder(std::filesystem::path(TRELLIS_SOURCE_DIR) / "packages" / "cmi5-safety-basics");
  ImportOutcome validated = plugin().import(p, schemas.string());
  INFO(validated.summary());
  CHECK(validated.diagnostics.empty());
}
