// Every rule of the SCORM importers, each with a small package the test writes,
// through the real plugin libraries.
#include <catch2/catch.hpp>

#include "scorm_test_support.hpp"

using namespace trellis::testing;
using namespace trellis::testing::scorm;

namespace {
}

TEST_CASE("A minimal SCORM 1.2 package imports into the course model", "[scorm][rules]") {
  MemoryPackage p = package(manifest12(org(one_item), sco12("r1", "a.html")));
  CHECK(scorm12().detect(p).confidence == 95);
  CHECK(scorm12().detect(p).what == "SCORM 1.2");
  CHECK(scorm2004().detect(p).confidence == 0);
  ImportOutcome out = scorm12().import(p);
  expect_clean(out);
  const nlohmann::json& c = out.course;
  CHECK(c["schema"] == "trellis.course/1");
  CHECK(c["format"] == "scorm12");
  CHECK(c["edition"].is_null());
  CHECK(c["identifier"] == "m1");
  CHECK(c["version"] == "1");
  CHECK(c["title"] == "Course");
  REQUIRE(c["nodes"].size() == 1);
  CHECK(c["nodes"][0]["kind"] == "organization");
  CHECK(c["nodes"][0]["default"] == true);
  const nlohmann::json& item = c["nodes"][0]["children"][0];
  CHECK(item["kind"] == "item");
  CHECK(item["launchable"] == true);
  CHECK(item["sco"] == true);
  CHECK(item["resource"] == "r1");
  CHECK(item["launch"]["href"] == "a.html");
  CHECK(item["launch"]["external"] == false);
  CHECK(c["resources"][0]["files"] == nlohmann::json::array({"a.html"}));
}

TEST_CASE("The SCORM importers hand the course over in parts", "[scorm][rules]") {
  ImportOutcome s12 = scorm12().import(package(manifest12(org(one_item), sco12("r1", "a.html"))));
  expect_clean(s12);
  CHECK(s12.streamed);
  ImportOutcome s2004 = scorm2004().import(package(manifest2004(org(one_item), sco2004("r1", "a.html"))));
  expect_clean(s2004);
  CHECK(s2004.streamed);
  REQUIRE(s2004.course["nodes"].size() == 1);
  CHECK(s2004.course["nodes"][0]["children"][0]["identifier"] == "i1");
  // Also a manifest libxml2 will not stream (pugixml reads it in memory, as before).
  std::string sloppy = "<item identifier=\"i1\" identifierref=\"r1\"><title>Q&A</title></item>";
  ImportOutcome in_memory = scorm12().import(package(manifest12(org(sloppy), sco12("r1", "a.html"))));
  expect_clean(in_memory);
  CHECK(in_memory.streamed);
  CHECK(in_memory.course["nodes"][0]["children"][0]["title"] == "Q&A");
}

TEST_CASE("A minimal SCORM 2004 package reports its edition", "[scorm][rules]") {
  for (auto [sv, edition] : {std::pair{"CAM 1.3", "2nd"}, {"2004 3rd Edition", "3rd"}, {"2004 4th Edition", "4th"}}) {
    MemoryPackage p = package(manifest2004(org(one_item), sco2004("r1", "a.html"), sv));
    CHECK(scorm12().detect(p).confidence == 0);
    CHECK(scorm2004().detect(p).what == std::string("SCORM 2004 ") + edition + " Edition");
    ImportOutcome out = scorm2004().import(p);
    expect_clean(out);
    CHECK(out.course["edition"] == edition);
  }
}

TEST_CASE("A bare manifest the host opened is recognised by its root under any name", "[scorm][rules]") {
  MemoryPackage bare({{"upload.xml", manifest12(org(one_item), sco12("r1", "a.html"))}});
  bare.as_single_file();
  CHECK(scorm12().detect(bare).confidence == 95);
  ImportOutcome out = scorm12().import(bare);
  INFO(out.summary());
  CHECK(out.errors() == 0);
  CHECK(out.course["identifier"] == "m1");
  // In a zip or folder the manifest keeps its name; another is only a near miss.
  MemoryPackage renamed({{"course-manifest.xml", manifest2004(org(one_item), sco2004("r1", "a.html"))},
                         {"a.html", "<html></html>"}});
  for (const LoadedImporter* importer : {&scorm12(), &scorm2004()}) {
    Detection d = importer->detect(renamed);
    CHECK(d.confidence == 0);
    CHECK(d.near_misses == std::vector<std::string>{"found course-manifest.xml with an IMS content package "
                                                    "<manifest> root: rename it imsmanifest.xml"});
  }
  CHECK(scorm12().detect(MemoryPackage({{"notes.xml", "<manifest/>"}, {"a.html", ""}})).near_misses.empty());
}

TEST_CASE("Missing and broken manifests are rejected precisely", "[scorm][rules]") {
  expect_rejected(scorm12().import(MemoryPackage({{"index.html", "x"}})), "scorm.manifest.missing");
  expect_rejected(scorm12().import(MemoryPackage({{"imsmanifest.xml", "<manifest><oops></manifest>"}})),
                  "scorm.xml.malformed");
  ImportOutcome doctype = scorm12().import(MemoryPackage(
      {{"imsmanifest.xml", "<?xml version=\"1.0\"?><!DOCTYPE manifest [<!ENTITY a \"aaaa\">]><manifest/>"}}));
  expect_rejected(doctype, "scorm.xml.doctype");
  expect_rejected(scorm12().import(MemoryPackage({{"imsmanifest.xml", "<notamanifest/>"}})), "scorm.manifest.root");
}

TEST_CASE("A manifest one folder down is used with a warning, __MACOSX is ignored", "[scorm][rules]") {
  MemoryPackage p({{"course/imsmanifest.xml", manifest12(org(one_item), sco12("r1", "a.html"))},
                   {"course/a.html", "x"},
                   {"__MACOSX/course/._a.html", "junk"},
                   {"__MACOSX/course/imsmanifest.xml", "junk"}});
  CHECK(scorm12().detect(p).confidence > 0);
  ImportOutcome out = scorm12().import(p);
  expect_clean(out);
  CHECK(out.has_code("scorm.manifest.nested"));
  CHECK(out.has_code("scorm.macosx.ignored"));
  CHECK_FALSE(out.has_code("scorm.launch.missing"));
}

TEST_CASE("References must resolve", "[scorm][rules]") {
  expect_rejected(scorm12().import(package(manifest12(org(one_item), sco12("r2", "a.html")))),
                  "scorm.identifierref.unresolved");
  std::string dep = "<resource identifier=\"r1\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"a.html\">"
                    "<file href=\"a.html\"/><dependency identifierref=\"common\"/></resource>";
  expect_rejected(scorm12().import(package(manifest12(org(one_item), dep))), "scorm.dependency.unresolved");
  expect_rejected(scorm12().import(package(manifest12("<organizations/>", sco12("r1", "a.html")))),
                  "scorm.organization.none");
  std::string no_href = "<resource identifier=\"r1\" type=\"webcontent\" adlcp:scormtype=\"asset\"/>";
  expect_rejected(scorm12().import(package(manifest12(org(one_item), no_href))), "scorm.identifierref.no-href");
}

TEST_CASE("An absent default organization falls back to the first", "[scorm][rules]") {
  std::string orgs = "<organizations><organization identifier=\"first\"><title>First</title>" + one_item +
                     "</organization><organization identifier=\"second\"><title>Second</title></organization>"
                     "</organizations>";
  ImportOutcome out = scorm12().import(package(manifest12(orgs, sco12("r1", "a.html"))));
  INFO(out.summary());
  CHECK(out.errors() == 0);
  CHECK(out.has_code("scorm.organization.default.absent"));
  CHECK(out.course["nodes"][0]["default"] == true);
  CHECK(out.course["nodes"][1]["default"] == false);
  CHECK(out.course["title"] == "First");
}

TEST_CASE("A default naming no organization falls back to the first with a warning", "[scorm][rules]") {
  std::string orgs = "<organizations default=\"renamed\"><organization identifier=\"first\"><title>First</title>" +
                     one_item + "</organization><organization identifier=\"second\"><title>Second</title>"
                     "</organization></organizations>";
  for (const LoadedImporter* importer : {&scorm12(), &scorm2004()}) {
    bool is12 = importer == &scorm12();
    std::string manifest = is12 ? manifest12(orgs, sco12("r1", "a.html")) : manifest2004(orgs, sco2004("r1", "a.html"));
    ImportOutcome out = importer->import(package(manifest));
    INFO(out.summary());
    CHECK(out.errors() == 0);
    const ReportedDiagnostic* bad = out.find("scorm.organization.default.unresolved");
    REQUIRE(bad != nullptr);
    CHECK(bad->severity == TRELLIS_SEVERITY_WARNING);
    CHECK(bad->message.find("default=\"renamed\"") != std::string::npos);
    CHECK(bad->message.find("'first'") != std::string::npos);
    CHECK_FALSE(out.has_code("scorm.organization.default.absent"));
    REQUIRE(out.course["nodes"].size() == 2);
    CHECK(out.course["nodes"][0]["default"] == true);
    CHECK(out.course["nodes"][1]["default"] == false);
    CHECK(out.course["title"] == "First");
  }
}

TEST_CASE("Identifiers: duplicates reject, padding is trimmed with a warning", "[scorm][rules]") {
  std::string twice = "<item identifier=\"i1\" identifierref=\"r1\"><title>A</title></item>"
                      "<item identifier=\"i1\" identifierref=\"r1\"><title>B</title></item>";
  expect_rejected(scorm12().import(package(manifest12(org(twice), sco12("r1", "a.html")))),
                  "scorm.identifier.duplicate");
  std::string padded = "<item identifier=\" i1 \" identifierref=\"r1 \"><title>A</title></item>";
  ImportOutcome out = scorm12().import(package(manifest12(org(padded), sco12("r1", "a.html"))));
  INFO(out.summary());
  CHECK(out.errors() == 0);
  CHECK(out.has_code("scorm.identifier.padded"));
  CHECK(out.course["nodes"][0]["children"][0]["identifier"] == "i1");
  CHECK(out.course["nodes"][0]["children"][0]["launchable"] == true);
  expect_rejected(scorm12().import(package(manifest12(org("<item><title>x</title></item>"), sco12("r1", "a.html")))),
                  "scorm.identifier.missing");
}

TEST_CASE("Files listed but absent are warnings, paths may not leave the package", "[scorm][rules]") {
  ImportOutcome out = scorm12().import(package(manifest12(org(one_item), sco12("r1", "a.html")), {}));
  INFO(out.summary());
  CHECK(out.errors() == 0);
  CHECK(out.has_code("scorm.launch.missing"));
  CHECK(out.has_code("scorm.file.missing"));
  expect_rejected(scorm12().import(package(manifest12(org(one_item), sco12("r1", "../../etc/passwd")))),
                  "scorm.file.outside-package");
}

TEST_CASE("xml:base is applied from the manifest down to the resource", "[scorm][rules]") {
  std::string res = "<resource identifier=\"r1\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"a.html\" "
                    "xml:base=\"sco1/\"><file href=\"a.html\"/></resource>";
  std::string m = manifest12(org(one_item), res, "xml:base=\"course/\"");
  size_t at = m.find("<resources>");
  m.replace(at, 11, "<resources xml:base=\"content/\">");
  ImportOutcome out = scorm12().import(package(m, {"course/content/sco1/a.html"}));
  expect_clean(out);
  CHECK(out.course["resources"][0]["href"] == "course/content/sco1/a.html");
  CHECK(out.course["resources"][0]["files"][0] == "course/content/sco1/a.html");
  CHECK(out.course["nodes"][0]["children"][0]["launch"]["href"] == "course/content/sco1/a.html");
  CHECK_FALSE(out.has_code("scorm.file.missing"));
}

TEST_CASE("Item parameters join the resource href", "[scorm][rules]") {
  std::string items = "<item identifier=\"i1\" identifierref=\"r1\" parameters=\"?page=2\"><title>A</title></item>"
                      "<item identifier=\"i2\" identifierref=\"r1\" parameters=\"#end\"><title>B</title></item>";
  ImportOutcome out = scorm12().import(package(manifest12(org(items), sco12("r1", "a.html?lang=en"))));
  expect_clean(out);
  CHECK(out.course["nodes"][0]["children"][0]["launch"]["href"] == "a.html?lang=en&page=2");
  CHECK(out.course["nodes"][0]["children"][1]["launch"]["href"] == "a.html?lang=en#end");
  CHECK(out.course["nodes"][0]["children"][0]["parameters"] == "?page=2");
}

TEST_CASE("External launch URLs are kept as such", "[scorm][rules]") {
  ImportOutcome out = scorm12().import(package(manifest12(org(one_item), sco12("r1", "https://cdn.example.com/a"))));
  INFO(out.summary());
  CHECK(out.errors() == 0);
  CHECK(out.course["nodes"][0]["children"][0]["launch"]["external"] == true);
  CHECK(out.course["nodes"][0]["children"][0]["launch"]["href"] == "https://cdn.example.com/a");
}

TEST_CASE("SCORM 1.2 adlcp fields are kept and checked", "[scorm][rules]") {
  std::string item = "<item identifier=\"i1\" identifierref=\"r1\"><title>One</title>"
                     "<adlcp:prerequisites type=\"aicc_script\">i0</adlcp:prerequisites>"
                     "<adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>"
                     "<adlcp:timelimitaction>exit,message</adlcp:timelimitaction>"
                     "<adlcp:datafromlms>level=2</adlcp:datafromlms>"
                     "<adlcp:masteryscore>80</adlcp:masteryscore></item>";
  ImportOutcome out = scorm12().import(package(manifest12(org(item), sco12("r1", "a.html"))));
  expect_clean(out);
  const nlohmann::json& a = out.course["nodes"][0]["children"][0]["attributes"];
  CHECK(a["prerequisites"]["value"] == "i0");
  CHECK(a["prerequisites"]["type"] == "aicc_script");
  CHECK(a["maxtimeallowed"] == "00:30:00");
  CHECK(a["timelimitaction"] == "exit,message");
  CHECK(a["datafromlms"] == "level=2");
  CHECK(a["masteryscore"] == 80.0);

  auto with = [](const std::string& field) {
    return "<item identifier=\"i1\" identifierref=\"r1\"><title>One</title>" + field + "</item>";
  };
  expect_rejected(scorm12().import(package(manifest12(
                      org(with("<adlcp:timelimitaction>stop</adlcp:timelimitaction>")), sco12("r1", "a.html")))),
                  "scorm.timelimitaction.invalid");
  expect_rejected(scorm12().import(package(manifest12(org(with("<adlcp:masteryscore>180</adlcp:masteryscore>")),
                                                      sco12("r1", "a.html")))),
                  "scorm.masteryscore.invalid");
  std::string asset = "<resource identifier=\"r1\" type=\"webcontent\" adlcp:scormtype=\"asset\" href=\"a.html\"/>";
  ImportOutcome on_asset =
      scorm12().import(package(manifest12(org(with("<adlcp:masteryscore>80</adlcp:masteryscore>")), asset)));
  CHECK(on_asset.has_code("scorm.asset.sco-only-field"));
  CHECK(on_asset.errors() == 0);
}

TEST_CASE("Vocabularies: scormType, isvisible, resource type", "[scorm][rules]") {
  std::string odd = "<resource identifier=\"r1\" type=\"webcontent\" adlcp:scormtype=\"lesson\" href=\"a.html\"/>";
  expect_rejected(scorm12().import(package(manifest12(org(one_item), odd))), "scorm.scormtype.invalid");
  std::string upper = "<resource identifier=\"r1\" type=\"webcontent\" adlcp:scormtype=\"SCO\" href=\"a.html\"/>";
  ImportOutcome out = scorm12().import(package(manifest12(org(one_item), upper)));
  CHECK(out.has_code("scorm.scormtype.case"));
  CHECK(out.course["nodes"][0]["children"][0]["sco"] == true);
  std::string hidden = "<item identifier=\"i1\" identifierref=\"r1\" isvisible=\"maybe\"><title>A</title></item>";
  expect_rejected(scorm12().import(package(manifest12(org(hidden), sco12("r1", "a.html")))), "scorm.isvisible.invalid");
  std::string untyped = "<resource identifier=\"r1\" adlcp:scormtype=\"sco\" href=\"a.html\"/>";
  expect_rejected(scorm12().import(package(manifest12(org(one_item), untyped))), "scorm.resource.type.missing");
}

TEST_CASE("SCORM 2004: only leaf items launch, completionThreshold in all forms, data maps", "[scorm][rules]") {
  std::string parent = "<item identifier=\"p\" identifierref=\"r1\"><title>P</title>" + one_item + "</item>";
  expect_rejected(scorm2004().import(package(manifest2004(org(parent), sco2004("r1", "a.html")))),
                  "scorm.item.parent-with-resource");
  // SCORM 1.2 allows it (eXe does it).
  CHECK(scorm12().import(package(manifest12(org(parent), sco12("r1", "a.html")))).errors() == 0);

  std::string text_form = "<item identifier=\"i1\" identifierref=\"r1\"><title>A</title>"
                          "<adlcp:completionThreshold>0.75</adlcp:completionThreshold></item>";
  ImportOutcome third = scorm2004().import(package(manifest2004(org(text_form), sco2004("r1", "a.html"), "2004 3rd Edition")));
  expect_clean(third);
  const nlohmann::json& ct = third.course["nodes"][0]["children"][0]["attributes"]["completionThreshold"];
  CHECK(ct["form"] == "text");
  CHECK(ct["minProgressMeasure"] == 0.75);

  std::string attr_form = "<item identifier=\"i1\" identifierref=\"r1\"><title>A</title>"
                          "<adlcp:completionThreshold completedByMeasure=\"true\" minProgressMeasure=\"0.6\" "
                          "progressWeight=\"0.3\"/><adlcp:data><adlcp:map targetID=\"notes\" writeSharedData=\"true\"/>"
                          "</adlcp:data><adlcp:timeLimitAction>continue,no message</adlcp:timeLimitAction>"
                          "<adlcp:dataFromLMS>x=1</adlcp:dataFromLMS></item>";
  ImportOutcome fourth = scorm2004().import(package(manifest2004(org(attr_form), sco2004("r1", "a.html"))));
  expect_clean(fourth);
  const nlohmann::json& a = fourth.course["nodes"][0]["children"][0]["attributes"];
  CHECK(a["completionThreshold"]["completedByMeasure"] == true);
  CHECK(a["completionThreshold"]["minProgressMeasure"] == 0.6);
  CHECK(a["completionThreshold"]["progressWeight"] == 0.3);
  CHECK(a["data"][0]["targetID"] == "notes");
  CHECK(a["data"][0]["readSharedData"] == true);
  CHECK(a["data"][0]["writeSharedData"] == true);
  CHECK(a["timeLimitAction"] == "continue,no message");
  CHECK(a["dataFromLMS"] == "x=1");

  std::string out_of_range = "<item identifier=\"i1\" identifierref=\"r1\"><title>A</title>"
                             "<adlcp:completionThreshold minProgressMeasure=\"1.5\"/></item>";
  expect_rejected(scorm2004().import(package(manifest2004(org(out_of_range), sco2004("r1", "a.html")))),
                  "scorm.completion-threshold.invalid");
}

TEST_CASE("SCORM 2004 navigation presentation is kept and its tokens checked", "[scorm][rules]") {
  std::string item = "<item identifier=\"i1\" identifierref=\"r1\"><title>A</title><adlnav:presentation>"
                     "<adlnav:navigationInterface><adlnav:hideLMSUI>continue</adlnav:hideLMSUI>"
                     "<adlnav:hideLMSUI>previous</adlnav:hideLMSUI></adlnav:navigationInterface>"
                     "</adlnav:presentation></item>";
  ImportOutcome out = scorm2004().import(package(manifest2004(org(item), sco2004("r1", "a.html"))));
  expect_clean(out);
  const nlohmann::json& p = out.course["nodes"][0]["children"][0]["attributes"]["presentation"];
  CHECK(p["adlnav:navigationInterface"]["adlnav:hideLMSUI"] == nlohmann::json::array({"continue", "previous"}));
  std::string bad = item;
  bad.replace(bad.find(">continue<"), 10, ">jump<");
  expect_rejected(scorm2004().import(package(manifest2004(org(bad), sco2004("r1", "a.html")))),
                  "scorm.hidelmsui.invalid");
}

TEST_CASE("Metadata is kept inline and from external files", "[scorm][rules]") {
  std::string m = manifest12(org(one_item), sco12("r1", "a.html"));
  m.replace(m.find("</metadata>"), 11,
            "<adlcp:location>meta/course.xml</adlcp:location><lom xmlns=\"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1\">"
            "<general><title><langstring>Inline</langstring></title></general></lom></metadata>");
  MemoryPackage p = package(m);
  p.add("meta/course.xml", "<lom xmlns=\"http://ltsc.ieee.org/xsd/LOM\"><general><keyword><string>fire</string>"
                           "</keyword></general></lom>");
  ImportOutcome out = scorm12().import(p);
  expect_clean(out);
  const nlohmann::json& md = out.course["metadata"];
  CHECK(md["schemaversion"] == "1.2");
  CHECK(md["lom"]["general"]["title"][0]["langstring"][0] == "Inline");
  CHECK(md["external"]["meta/course.xml"]["general"]["keyword"][0]["string"][0] == "fire");

  MemoryPackage missing = package(m);
  ImportOutcome absent = scorm12().import(missing);
  CHECK(absent.has_code("scorm.metadata.location.missing"));
  CHECK(absent.errors() == 0);
  missing.add("meta/course.xml", "<lom><broken></lom>");
  ImportOutcome broken = scorm12().import(missing);
  CHECK(broken.errors() == 0);
  CHECK(broken.has_code("scorm.metadata.xml.malformed"));
}

TEST_CASE("Diagnostics carry the manifest's file and line", "[scorm][rules]") {
  ImportOutcome out = scorm12().import(package(manifest12(org(one_item), sco12("r2", "a.html"))));
  const ReportedDiagnostic* d = out.find("scorm.identifierref.unresolved");
  REQUIRE(d);
  CHECK(d->file == "imsmanifest.xml");
  CHECK(d->line == 4);
}

TEST_CASE("Invalid UTF-8 in a title does not fail the import (found by fuzzing)", "[scorm][rules]") {
  std::string item = "<item identifier=\"i1\" identifierref=\"r1\"><title>Caf\x9f</title></item>";
  ImportOutcome out = scorm12().import(package(manifest12(org(item), sco12("r1", "a.html"))));
  INFO(out.summary());
  CHECK_FALSE(out.has_code("importer.failed"));
  CHECK(out.has_course);
}
