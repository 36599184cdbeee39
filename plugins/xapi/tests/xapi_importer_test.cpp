// The xAPI (TinCan) importer loaded from its real library: every packaging rule
// with generated packages, then Rustici's real TinCan prototypes.
#include <catch2/catch.hpp>

#include <filesystem>

#include "import_expectations.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;
namespace fs = std::filesystem;

namespace {

const LoadedImporter& plugin() {
  static LoadedImporter loaded(TRELLIS_XAPI_PLUGIN);
  return loaded;
}

std::string activity(const std::string& id, const std::string& body,
                     const std::string& type = "http://adlnet.gov/expapi/activities/course") {
  return "<activity id=\"" + id + "\" type=\"" + type + "\">" + body + "</activity>";
}

std::string tincan(const std::string& activities, const std::string& extra = "") {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<tincan xmlns=\"http://projecttincan.com/tincan.xsd\">\n"
         "<activities>\n" + activities + "\n</activities>" + extra + "\n</tincan>\n";
}

const std::string kLaunchable =
    activity("https://example.org/act/course",
             "<name lang=\"en-US\">Forklift safety</name><name lang=\"fr-FR\">Chariots</name>"
             "<description lang=\"en-US\">Drive safely</description><launch lang=\"en-us\">index.html</launch>");


}  // namespace

TEST_CASE("detect: a package with one tincan.xml, wherever its root is", "[xapi][detect]") {
  CHECK(plugin().format() == "xapi");
  CHECK(plugin().detect(MemoryPackage({{"tincan.xml", tincan(kLaunchable)}, {"index.html", ""}})).confidence >= 90);
  CHECK(plugin().detect(MemoryPackage({{"course/tincan.xml", tincan(kLaunchable)}})).confidence >= 90);
  CHECK(plugin().detect(MemoryPackage({{"cmi5.xml", "<courseStructure/>"}})).confidence == 0);
  CHECK(plugin().detect(MemoryPackage({{"mytincan.xml", ""}})).confidence == 0);
  CHECK(plugin().detect(MemoryPackage({{"notes.xml", "<notes/>"}})).confidence == 0);
  CHECK(plugin().detect(MemoryPackage({{"golf-tincan.xml", tincan(kLaunchable)}})).confidence >= 90);
  CHECK(plugin().detect(MemoryPackage()).confidence == 0);
}

TEST_CASE("detect: a bare file under any name and tincan.xml renamed beside other files", "[xapi][detect]") {
  CHECK(plugin().detect(MemoryPackage({{"upload.zip", tincan(kLaunchable)}}).as_single_file()).confidence >= 90);
  CHECK(plugin().detect(MemoryPackage({{"upload.zip", "<notes/>"}}).as_single_file()).confidence == 0);
  Detection renamed = plugin().detect(MemoryPackage({{"golf.xml", tincan(kLaunchable)}, {"index.html", ""}}));
  CHECK(renamed.confidence == 0);
  CHECK(renamed.near_misses ==
        std::vector<std::string>{"found golf.xml with a TinCan <tincan> root: rename it tincan.xml"});
  CHECK(plugin().detect(MemoryPackage({{"notes.xml", "<notes/>"}, {"index.html", ""}})).near_misses.empty());
}

TEST_CASE("the course model: activities, languages, the launchable one", "[xapi][model]") {
  std::string other = activity("https://example.org/act/q1",
                               "<name>Question 1</name><interactionType>choice</interactionType>"
                               "<choices><component><id>a</id><description lang=\"en-US\">A</description></component>"
                               "</choices>",
                               "http://adlnet.gov/expapi/activities/cmi.interaction");
  ImportOutcome out = plugin().import(MemoryPackage(
      {{"tincan.xml", tincan(kLaunchable + other, "<provider><name>Acme</name><id>acme</id><secret>s3cret</secret>"
                                                  "</provider>")},
       {"index.html", ""}}));
  expect_clean(out);
  const nlohmann::json& c = out.course;
  CHECK(c["schema"] == "trellis.course/1");
  CHECK(c["format"] == "xapi");
  CHECK(c["identifier"] == "https://example.org/act/course");
  CHECK(c["title"] == "Forklift safety");
  CHECK(c["titles"] == nlohmann::json({{"en-US", "Forklift safety"}, {"fr-FR", "Chariots"}}));
  CHECK(c["description"] == "Drive safely");
  CHECK(c["metadata"]["provider"]["name"] == "Acme");
  CHECK(c.dump().find("s3cret") == std::string::npos);
  CHECK(count_kinds(c) == std::map<std::string, int>{{"activity", 2}});
  CHECK(count_launchable(c) == 1);
  CHECK(c["nodes"][0]["launch"] == nlohmann::json({{"href", "index.html"}, {"external", false}}));
  CHECK(c["nodes"][0]["attributes"]["type"] == "http://adlnet.gov/expapi/activities/course");
  CHECK(c["nodes"][1]["launchable"] == false);
  CHECK(c["nodes"][1]["titles"]["und"] == "Question 1");
  CHECK(c["nodes"][1]["attributes"]["interactionType"] == "choice");
  CHECK(c["nodes"][1]["extensions"]["elements"][0].get<std::string>().find("<choices") == 0);
}

TEST_CASE("the package root is the folder of tincan.xml", "[xapi][rules]") {
  SECTION("nested root: hrefs become package-relative") {
    ImportOutcome out = plugin().import(
        MemoryPackage({{"course/tincan.xml", tincan(kLaunchable)}, {"course/index.html", ""}, {"__MACOSX/x", ""}}));
    expect_clean(out);
    CHECK(out.course["nodes"][0]["launch"]["href"] == "course/index.html");
    CHECK(out.diagnostics.empty());
  }
  SECTION("files beside the root folder are a warning") {
    ImportOutcome out = plugin().import(
        MemoryPackage({{"course/tincan.xml", tincan(kLaunchable)}, {"course/index.html", ""}, {"notes.txt", ""}}));
    expect_clean(out);
    CHECK(out.has_code("xapi.package.outside-root"));
  }
  SECTION("exactly one tincan.xml") {
    expect_rejected(plugin().import(MemoryPackage({{"a/tincan.xml", tincan(kLaunchable)},
                                                   {"b/tincan.xml", tincan(kLaunchable)}})),
                    "xapi.package.multiple-tincan-xml");
  }
  SECTION("a launch path may not climb above the root") {
    std::string a = activity("https://example.org/a", "<launch>../index.html</launch>");
    expect_rejected(plugin().import(MemoryPackage({{"course/tincan.xml", tincan(a)}, {"index.html", ""}})),
                    "xapi.launch.outside-package");
  }
}

TEST_CASE("launch rules", "[xapi][rules]") {
  SECTION("relative launch to a missing file") {
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", tincan(kLaunchable)}, {"other.html", ""}})),
                    "xapi.launch.file-missing");
  }
  SECTION("bare tincan.xml with a relative launch") {
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", tincan(kLaunchable)}}));
    expect_rejected(out, "xapi.launch.file-missing");
    CHECK(out.find("xapi.launch.file-missing")->message.find("absolute") != std::string::npos);
  }
  SECTION("a bare tincan.xml under another name, with an absolute launch") {
    std::string a = activity("https://example.org/a", "<name>A</name><launch>https://lms.example.org/ap/</launch>");
    ImportOutcome out = plugin().import(MemoryPackage({{"golf-tincan.xml", tincan(a)}}));
    expect_clean(out);
    CHECK(out.course["nodes"][0]["launch"]["external"] == true);
  }
  SECTION("absolute launch URLs are kept as external") {
    std::string a = activity("https://example.org/a", "<name>A</name><launch>https://lms.example.org/ap/?x=1</launch>");
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", tincan(a)}}));
    expect_clean(out);
    CHECK(out.course["nodes"][0]["launch"] == nlohmann::json({{"href", "https://lms.example.org/ap/?x=1"}, {"external", true}}));
  }
  SECTION("query strings survive on relative launches") {
    std::string a = activity("https://example.org/a", "<name>A</name><launch>index.html?mode=review</launch>");
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", tincan(a)}, {"index.html", ""}}));
    expect_clean(out);
    CHECK(out.course["nodes"][0]["launch"]["href"] == "index.html?mode=review");
  }
  SECTION("an invalid launch URL") {
    std::string a = activity("https://example.org/a", "<launch>http://example.com index.html</launch>");
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", tincan(a)}})), "xapi.launch.invalid-url");
  }
  SECTION("an empty launch") {
    std::string a = activity("https://example.org/a", "<launch> </launch>");
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", tincan(a)}})), "xapi.launch.empty");
  }
  SECTION("only one activity may launch or have a resource") {
    std::string b = activity("https://example.org/b", "<resource>index.html</resource>");
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", tincan(kLaunchable + b)}, {"index.html", ""}})),
                    "xapi.launch.multiple-activities");
  }
  SECTION("a relative resource must exist too") {
    std::string a = activity("https://example.org/a", "<resource>guide.pdf</resource>");
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", tincan(a)}, {"index.html", ""}})),
                    "xapi.resource.file-missing");
  }
  SECTION("nothing to launch is allowed, with a warning") {
    std::string a = activity("https://example.org/a", "<name>Definitions only</name>");
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", tincan(a)}}));
    expect_clean(out);
    CHECK(out.has_code("xapi.launch.none"));
    CHECK(count_launchable(out.course) == 0);
  }
}

TEST_CASE("activity rules", "[xapi][rules]") {
  SECTION("no activities") {
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", tincan("")}})), "xapi.activities.missing");
  }
  SECTION("id missing") {
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", tincan("<activity><name>x</name></activity>")}})),
                    "xapi.activity.id.missing");
  }
  SECTION("id not an IRI") {
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", tincan(activity("golf-example", ""))}})),
                    "xapi.activity.id.not-iri");
  }
  SECTION("duplicate ids") {
    std::string a = activity("https://example.org/a", "");
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", tincan(a + "\n" + a)}}));
    expect_rejected(out, "xapi.activity.id.duplicate");
    CHECK(out.find("xapi.activity.id.duplicate")->line == 5);
    CHECK(out.course["nodes"].size() == 1);
  }
  SECTION("type not an IRI") {
    expect_rejected(
        plugin().import(MemoryPackage({{"tincan.xml", tincan(activity("https://example.org/a", "", "course"))}})),
        "xapi.activity.type.not-iri");
  }
  SECTION("a bad language tag is a warning") {
    std::string a = activity("https://example.org/a", "<name lang=\"en_US\">A</name>");
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", tincan(a)}}));
    expect_clean(out);
    CHECK(out.has_code("xapi.lang.invalid"));
  }
  SECTION("the launchable activity without a name is titled by its id") {
    std::string a = activity("https://example.org/a", "<launch>https://example.org/run</launch>");
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", tincan(a)}}));
    expect_clean(out);
    CHECK(out.has_code("xapi.activity.name.missing"));
    CHECK(out.course["title"] == "https://example.org/a");
  }
}

TEST_CASE("XML rules", "[xapi][rules]") {
  SECTION("malformed") {
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", "<tincan>\n<activities>\n</tincan>"}}));
    expect_rejected(out, "xapi.xml.malformed");
    CHECK(out.find("xapi.xml.malformed")->file == "tincan.xml");
    CHECK(out.find("xapi.xml.malformed")->line == 3);
  }
  SECTION("DOCTYPE (entity expansion, external entities) refused") {
    expect_rejected(plugin().import(MemoryPackage(
                        {{"tincan.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                        "<tincan><activities/></tincan>"}})),
                    "xapi.xml.doctype");
  }
  SECTION("wrong root") {
    expect_rejected(plugin().import(MemoryPackage({{"tincan.xml", "<manifest/>"}})), "xapi.xml.root");
  }
  SECTION("no namespace is a warning") {
    std::string xml = tincan(kLaunchable);
    const std::string declaration = " xmlns=\"http://projecttincan.com/tincan.xsd\"";
    xml.erase(xml.find(declaration), declaration.size());
    ImportOutcome out = plugin().import(MemoryPackage({{"tincan.xml", xml}, {"index.html", ""}}));
    expect_clean(out);
    CHECK(out.has_code("xapi.xml.namespace"));
  }
  SECTION("unknown elements are warnings") {
    ImportOutcome out = plugin().import(
        MemoryPackage({{"tincan.xml", tincan(kLaunchable, "<extra/>")}, {"index.html", ""}}));
    expect_clean(out);
    CHECK(out.has_code("xapi.xml.unknown-element"));
  }
}

TEST_CASE("Rustici's TinCan prototypes import with their facts", "[xapi][conformance]") {
  fs::path dir = fs::path(TRELLIS_SHARED_DIR) / "conformance" / "packages" / "xapi";
  if (!fs::is_directory(dir)) {
    TRELLIS_SKIP(dir.string() << " is absent (shared conformance set)");
  }
  struct Case {
    const char* folder;
    const char* id;
    const char* title;
    const char* type;
    const char* launch;
  };
  for (const Case& c : {Case{"GolfExample_TCAPI", "http://id.tincanapi.com/activity/tincan-prototypes/golf-example",
                             "Tin Can Golf Example", "http://adlnet.gov/expapi/activities/course", "index.html"},
                        Case{"JsTetris_TCAPI", "http://id.tincanapi.com/activity/tincan-prototypes/tetris",
                             "Tin Can Tetris Example", "http://activitystrea.ms/schema/1.0/game", "tetris.html"}}) {
    INFO(c.folder);
    MemoryPackage p = MemoryPackage::from_folder(dir / c.folder);
    CHECK(plugin().detect(p).confidence >= 90);
    ImportOutcome out = plugin().import(p);
    expect_clean(out);
    CHECK(out.course["identifier"] == c.id);
    CHECK(out.course["title"] == c.title);
    CHECK(out.course["titles"]["und"] == c.title);
    CHECK(out.course["descriptions"].size() == 1);
    CHECK(out.course["nodes"][0]["attributes"]["type"] == c.type);
    CHECK(out.course["nodes"][0]["launch"]["href"] == c.launch);
    CHECK(out.course["nodes"][0]["launch"]["external"] == false);
    CHECK(count_kinds(out.course) == std::map<std::string, int>{{"activity", 1}});
    CHECK(count_launchable(out.course) == 1);
  }
}
