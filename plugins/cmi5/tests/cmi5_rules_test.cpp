// One generated case per cmi5 rule: the rule's diagnostic code, on the right line,
// rejecting the package; and the valid neighbour of each case importing cleanly.
#include <catch2/catch.hpp>

#include "cmi5_test_support.hpp"

using namespace trellis::testing;
using namespace trellis::testing::cmi5;


TEST_CASE("a minimal valid course imports without findings", "[cmi5][rules]") {
  ImportOutcome out = import_xml(single_au(Au{}));
  expect_clean(out);
  CHECK(out.diagnostics.empty());
}

TEST_CASE("ids must be absolute IRIs", "[cmi5][rules]") {
  SECTION("course") { expect_rejected(import_xml(course_structure(Au{}.xml(), "", "example.org/course")), "cmi5.course.id.not-iri"); }
  SECTION("block") {
    expect_rejected(import_xml(course_structure(block("w3id.org/block", Au{}.xml()))), "cmi5.block.id.not-iri");
  }
  SECTION("au") {
    Au au;
    au.id = "au-1";
    expect_rejected(import_xml(single_au(au)), "cmi5.au.id.not-iri");
  }
  SECTION("objective") {
    std::string objectives = "<objectives><objective id=\"objective one\">" + texts("O") + "</objective></objectives>";
    expect_rejected(import_xml(course_structure(Au{}.xml(), objectives)), "cmi5.objective.id.not-iri");
  }
  SECTION("a urn is an IRI") {
    Au au;
    au.id = "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    expect_clean(import_xml(single_au(au)));
  }
}

TEST_CASE("ids are unique across the course structure", "[cmi5][rules]") {
  SECTION("two AUs") {
    ImportOutcome out = import_xml(course_structure(Au{}.xml() + "\n" + Au{}.xml()));
    expect_rejected(out, "cmi5.id.duplicate");
    CHECK(out.find("cmi5.id.duplicate")->line == 5);
    CHECK(out.find("cmi5.id.duplicate")->message.find("line 4") != std::string::npos);
    CHECK(out.course["nodes"].size() == 1);  // the partial model keeps the first of each id
  }
  SECTION("two blocks") {
    Au second;
    second.id = "https://example.org/au/2";
    expect_rejected(import_xml(course_structure(block("https://example.org/b", Au{}.xml()) +
                                                block("https://example.org/b", second.xml()))),
                    "cmi5.id.duplicate");
  }
  SECTION("two objectives") {
    std::string o = "<objective id=\"https://example.org/o\">" + texts("O") + "</objective>";
    expect_rejected(import_xml(course_structure(Au{}.xml(), "<objectives>" + o + o + "</objectives>")),
                    "cmi5.id.duplicate");
  }
  SECTION("a block and the course") {
    expect_rejected(import_xml(course_structure(block("https://example.org/course/1", Au{}.xml()))),
                    "cmi5.id.duplicate");
  }
}

TEST_CASE("objective references resolve", "[cmi5][rules]") {
  std::string objectives =
      "<objectives><objective id=\"https://example.org/o1\">" + texts("O") + "</objective></objectives>";
  Au au;
  SECTION("resolving") {
    au.body_before_url = "<objectives><objective idref=\"https://example.org/o1\"/></objectives>";
    ImportOutcome out = import_xml(course_structure(au.xml(), objectives));
    expect_clean(out);
    CHECK(out.course["nodes"][0]["objectives"] == nlohmann::json::array({"https://example.org/o1"}));
    CHECK(out.course["metadata"]["objectives"][0]["identifier"] == "https://example.org/o1");
  }
  SECTION("dangling") {
    au.body_before_url = "<objectives><objective idref=\"https://example.org/o2\"/></objectives>";
    expect_rejected(import_xml(course_structure(au.xml(), objectives)), "cmi5.objective.unresolved");
  }
  SECTION("without idref") {
    au.body_before_url = "<objectives><objective/></objectives>";
    expect_rejected(import_xml(course_structure(au.xml(), objectives)), "cmi5.objective.idref.missing");
  }
  SECTION("from a block") {
    std::string refs = "<objectives><objective idref=\"https://example.org/nope\"/></objectives>";
    expect_rejected(import_xml(course_structure(block("https://example.org/b", au.xml(), refs), objectives)),
                    "cmi5.objective.unresolved");
  }
}

TEST_CASE("AU urls", "[cmi5][rules]") {
  Au au;
  SECTION("relative url to a file in the package") {
    au.url = "index.html?lang=en#start";
    ImportOutcome out = import_xml(single_au(au));
    expect_clean(out);
    CHECK(out.course["nodes"][0]["launch"]["href"] == "index.html?lang=en#start");
    CHECK(out.course["nodes"][0]["launch"]["external"] == false);
  }
  SECTION("relative url to a missing file") {
    au.url = "not-found.html";
    expect_rejected(import_xml(single_au(au)), "cmi5.au.url.file-missing");
  }
  SECTION("relative url climbing out of the package") {
    au.url = "../index.html";
    expect_rejected(import_xml(single_au(au)), "cmi5.au.url.outside-package");
  }
  SECTION("root-relative url") {
    au.url = "/index.html";
    expect_rejected(import_xml(single_au(au)), "cmi5.au.url.outside-package");
  }
  SECTION("relative url in a bare course structure") {
    ImportOutcome out = plugin().import(MemoryPackage({{"cmi5.xml", single_au(au)}}).as_single_file());
    expect_rejected(out, "cmi5.au.url.relative-without-package");
  }
  SECTION("relative url naming a file missing from a package that holds only cmi5.xml") {
    au.url = "lesson/index.html";
    ImportOutcome out = plugin().import(MemoryPackage({{"cmi5.xml", single_au(au)}}, "course-folder"));
    expect_rejected(out, "cmi5.au.url.file-missing");
    CHECK_FALSE(out.has_code("cmi5.au.url.relative-without-package"));
    const ReportedDiagnostic* d = out.find("cmi5.au.url.file-missing");
    REQUIRE(d);
    CHECK_THAT(d->message, Catch::Contains("'" + au.id + "'") && Catch::Contains("'lesson/index.html'"));
  }
  SECTION("absolute url in a bare course structure") {
    au.url = "https://cdn.example.org/au/1/index.html?x=1";
    ImportOutcome out = plugin().import(MemoryPackage({{"course.xml", single_au(au)}}));
    expect_clean(out);
    CHECK(out.course["nodes"][0]["launch"]["href"] == "https://cdn.example.org/au/1/index.html?x=1");
    CHECK(out.course["nodes"][0]["launch"]["external"] == true);
  }
  SECTION("url with a space") {
    au.url = "http://example.com index.html";
    expect_rejected(import_xml(single_au(au)), "cmi5.au.url.invalid");
  }
  SECTION("empty url") {
    au.url = "  ";
    expect_rejected(import_xml(single_au(au)), "cmi5.au.url.empty");
  }
  SECTION("whitespace and CDATA around the url are not part of it") {
    au.url = "<![CDATA[\n   index.html?paramA=1&paramB=2\n  ]]>";
    ImportOutcome out = import_xml(single_au(au));
    expect_clean(out);
    CHECK(out.course["nodes"][0]["attributes"]["url"] == "index.html?paramA=1&paramB=2");
  }
  SECTION("non-web scheme is a warning") {
    au.url = "ftp://example.org/au";
    ImportOutcome out = import_xml(single_au(au));
    expect_clean(out);
    CHECK(out.has_code("cmi5.au.url.scheme"));
  }
}

TEST_CASE("AU urls must not carry the launch parameters the LMS adds", "[cmi5][rules]") {
  for (std::string name : {"endpoint", "fetch", "actor", "registration", "activityId"}) {
    for (std::string base : {"index.html", "https://example.org/au"}) {
      Au au;
      au.url = base + "?a=1&amp;" + name + "=x";
      INFO(au.url);
      ImportOutcome out = import_xml(single_au(au));
      expect_rejected(out, "cmi5.au.url.reserved-parameter");
      CHECK(out.find("cmi5.au.url.reserved-parameter")->message.find("'" + name + "'") != std::string::npos);
    }
  }
  Au similar;
  similar.url = "index.html?endpoints=1&amp;Actor=2&amp;activity_id=3";
  expect_clean(import_xml(single_au(similar)));
}

TEST_CASE("AU attributes: enumerations, masteryScore and defaults", "[cmi5][rules]") {
  Au au;
  SECTION("defaults") {
    ImportOutcome out = import_xml(single_au(au));
    expect_clean(out);
    const auto& attrs = out.course["nodes"][0]["attributes"];
    CHECK(attrs["moveOn"] == "NotApplicable");
    CHECK(attrs["launchMethod"] == "AnyWindow");
    CHECK(attrs["masteryScore"].is_null());
  }
  SECTION("every moveOn value") {
    for (std::string v : {"NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed"}) {
      au.attributes = "moveOn=\"" + v + "\"";
      ImportOutcome out = import_xml(single_au(au));
      expect_clean(out);
      CHECK(out.course["nodes"][0]["attributes"]["moveOn"] == v);
    }
  }
  SECTION("unknown moveOn") {
    au.attributes = "moveOn=\"Finished\"";
    expect_rejected(import_xml(single_au(au)), "cmi5.au.moveOn.invalid");
  }
  SECTION("unknown launchMethod") {
    au.attributes = "launchMethod=\"NewTab\"";
    expect_rejected(import_xml(single_au(au)), "cmi5.au.launchMethod.invalid");
  }
  SECTION("masteryScore bounds") {
    for (std::string v : {"0", "1", "0.5", "1.0", "0.000"}) {
      au.attributes = "masteryScore=\"" + v + "\"";
      expect_clean(import_xml(single_au(au)));
    }
    for (std::string v : {"1.01", "-0.1", "2"}) {
      au.attributes = "masteryScore=\"" + v + "\"";
      expect_rejected(import_xml(single_au(au)), "cmi5.au.masteryScore.out-of-range");
    }
    for (std::string v : {"high", "", "5e-1", "0,5"}) {
      au.attributes = "masteryScore=\"" + v + "\"";
      expect_rejected(import_xml(single_au(au)), "cmi5.au.masteryScore.invalid");
    }
  }
  SECTION("activityType that is not an IRI is a warning") {
    au.attributes = "activityType=\"lesson\"";
    ImportOutcome out = import_xml(single_au(au));
    expect_clean(out);
    CHECK(out.has_code("cmi5.au.activityType.not-iri"));
  }
}

TEST_CASE("the structure follows CourseStructure.xsd", "[cmi5][rules]") {
  SECTION("wrong root") {
    expect_rejected(import_xml("<courseStructure><course id=\"https://x.org/c\"/></courseStructure>"), "cmi5.xml.root");
  }
  SECTION("malformed XML, with its line") {
    ImportOutcome out = import_xml("<?xml version=\"1.0\"?>\n<courseStructure>\n<course>\n</courseStructure>");
    expect_rejected(out, "cmi5.xml.malformed");
    CHECK(out.find("cmi5.xml.malformed")->line >= 3);
    CHECK_FALSE(out.has_course);
  }
  SECTION("a DOCTYPE is refused, so no entity ever expands") {
    std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n" +
                      single_au(Au{}).substr(single_au(Au{}).find('\n') + 1);
    expect_rejected(import_xml(xml), "cmi5.xml.doctype");
  }
  SECTION("missing course") {
    std::string xml = single_au(Au{});
    size_t a = xml.find("<course "), b = xml.find("</course>") + 9;
    expect_rejected(import_xml(xml.erase(a, b - a)), "cmi5.xml.missing-element");
  }
  SECTION("no AU or block") { expect_rejected(import_xml(course_structure("")), "cmi5.xml.missing-element"); }
  SECTION("a block without members") {
    expect_rejected(import_xml(course_structure(block("https://example.org/b", ""))), "cmi5.xml.missing-element");
  }
  SECTION("AU without url") {
    std::string xml = single_au(Au{});
    size_t a = xml.find("<url>"), b = xml.find("</url>") + 6;
    expect_rejected(import_xml(xml.erase(a, b - a)), "cmi5.xml.missing-element");
  }
  SECTION("AU without title") {
    std::string xml = single_au(Au{});
    size_t a = xml.find("<title>", xml.find("<au ")), b = xml.find("</title>", a) + 8;
    expect_rejected(import_xml(xml.erase(a, b - a)), "cmi5.xml.missing-element");
  }
  SECTION("elements out of order") {
    Au au;
    au.body_after_url = "<entitlementKey>k</entitlementKey><launchParameters>p</launchParameters>";
    expect_rejected(import_xml(single_au(au)), "cmi5.xml.unexpected-element");
  }
  SECTION("unknown cmi5 element") {
    Au au;
    au.body_after_url = "<duration>PT1H</duration>";
    expect_rejected(import_xml(single_au(au)), "cmi5.xml.unexpected-element");
  }
  SECTION("missing id attribute") {
    Au au;
    std::string xml = single_au(au);
    const std::string id_attribute = "id=\"https://example.org/au/1\"";
    xml.erase(xml.find(id_attribute), id_attribute.size());
    expect_rejected(import_xml(xml), "cmi5.xml.missing-attribute");
  }
  SECTION("unknown attribute") {
    Au au;
    au.attributes = "weight=\"2\"";
    expect_rejected(import_xml(single_au(au)), "cmi5.xml.unexpected-attribute");
  }
  SECTION("bad language tag") {
    Au au;
    au.title = "T</langstring><langstring lang=\"en_US\">T2";
    expect_rejected(import_xml(single_au(au)), "cmi5.langstring.lang.invalid");
  }
  SECTION("text between elements") {
    expect_rejected(import_xml(course_structure("stray text" + Au{}.xml())), "cmi5.xml.unexpected-text");
  }
  SECTION("extension elements before cmi5 elements") {
    Au au;
    au.body_before_url = "<x:note xmlns:x=\"https://example.org/x\">n</x:note>";
    expect_rejected(import_xml(single_au(au)), "cmi5.xml.unexpected-element");
  }
}

TEST_CASE("blocks nest, but not without end", "[cmi5][rules]") {
  std::string members = Au{}.xml();
  for (int i = 0; i < 70; ++i) members = block("https://example.org/b/" + std::to_string(i), members);
  expect_rejected(import_xml(course_structure(members)), "cmi5.block.too-deep");
}

TEST_CASE("diagnostics name the file and the line", "[cmi5][rules]") {
  Au au;
  au.url = "index.html?registration=1";
  ImportOutcome out = plugin().import(
      MemoryPackage({{"cmi5.xml", course_structure("\n\n" + au.xml())}, {"index.html", ""}}));
  const ReportedDiagnostic* d = out.find("cmi5.au.url.reserved-parameter");
  REQUIRE(d);
  CHECK(d->file == "cmi5.xml");
  CHECK(d->line == 6);
}
