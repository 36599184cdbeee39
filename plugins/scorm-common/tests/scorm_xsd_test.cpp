// XSD validation: against the trusted schema folder of the conformance set, and
// against schemas a package carries (standard or modified), never the network.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "scorm_test_support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;
using namespace trellis::testing::scorm;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Adds the SCORM 1.2 schema files the way a package carries them.
void carry_schemas12(MemoryPackage& p, const fs::path& schemas) {
  for (const char* f : {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"})
    p.add(f, slurp(schemas / "scorm12" / f));
}


}  // namespace

TEST_CASE("A schema-invalid manifest is rejected against the trusted folder", "[scorm][xsd]") {
  auto dir = conformance_dir();
  if (!dir) TRELLIS_SKIP(TRELLIS_SHARED_DIR "/conformance is absent (the trusted schema folder)");
  std::string schemas = (*dir / "schemas").string();
  ImportOutcome good = scorm12().import(package(manifest12(org(one_item), sco12("r1", "a.html"))), schemas);
  expect_clean(good);
  CHECK(good.has_code("scorm.xsd.trusted"));

  // <title> after <item> breaks the CP sequence: only the schema says so.
  std::string misplaced = "<organizations default=\"org\"><organization identifier=\"org\">" + one_item +
                          "<title>Late</title><bogus/></organization></organizations>";
  ImportOutcome bad = scorm12().import(package(manifest12(misplaced, sco12("r1", "a.html"))), schemas);
  expect_rejected(bad, "scorm.xsd.invalid");
  CHECK(bad.find("scorm.xsd.invalid")->line > 0);

  std::string seq = "<item identifier=\"i1\" identifierref=\"r1\"><title>One</title><imsss:sequencing>"
                    "<imsss:controlMode choice=\"sometimes\"/></imsss:sequencing></item>";
  expect_rejected(scorm2004().import(package(manifest2004(org(seq), sco2004("r1", "a.html"))), schemas),
                  "scorm.xsd.invalid");
  expect_clean(scorm2004().import(package(manifest2004(org(one_item), sco2004("r1", "a.html"))), schemas));
}

TEST_CASE("Schemas a package carries: standard, modified, absent, or on the network", "[scorm][xsd]") {
  auto dir = conformance_dir();
  if (!dir) TRELLIS_SKIP(TRELLIS_SHARED_DIR "/conformance is absent (schema files to carry)");
  std::string m = manifest12(org(one_item), sco12("r1", "a.html"),
                             "xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
                             "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\"");
  MemoryPackage standard = package(m);
  carry_schemas12(standard, *dir / "schemas");
  ImportOutcome out = scorm12().import(standard);
  expect_clean(out);
  CHECK(out.has_code("scorm.xsd.standard"));
  CHECK(out.has_code("scorm.xsd.ims-xml"));

  MemoryPackage modified = standard;
  std::string cp = slurp(*dir / "schemas/scorm12/adlcp_rootv1p2.xsd");
  modified.add("adlcp_rootv1p2.xsd", cp + "\n<!-- edited -->\n");
  ImportOutcome changed = scorm12().import(modified);
  CHECK(changed.errors() == 0);
  REQUIRE(changed.has_code("scorm.xsd.modified"));
  CHECK(changed.find("scorm.xsd.modified")->message.find("adlcp_rootv1p2.xsd") != std::string::npos);

  ImportOutcome none = scorm12().import(package(m));
  CHECK(none.errors() == 0);
  CHECK(none.has_code("scorm.xsd.unavailable"));

  // A hint pointing at the network is never fetched: validation is skipped instead.
  std::string remote = manifest12(org(one_item), sco12("r1", "a.html"),
                                  "xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 "
                                  "http://127.0.0.1:9/imscp_rootv1p1p2.xsd\"");
  ImportOutcome net = scorm12().import(package(remote));
  INFO(net.summary());
  CHECK(net.errors() == 0);
  CHECK(net.has_code("scorm.xsd.unavailable"));
}

TEST_CASE("Both SCORM plugins validate at the same time without mixing schemas", "[scorm][xsd]") {
  auto dir = conformance_dir();
  if (!dir) TRELLIS_SKIP(TRELLIS_SHARED_DIR "/conformance is absent (the trusted schema folder)");
  std::string schemas = (*dir / "schemas").string();
  MemoryPackage p12 = package(manifest12(org(one_item), sco12("r1", "a.html")));
  MemoryPackage p2004 = package(manifest2004(org(one_item), sco2004("r1", "a.html")));
  int clean12 = 0, clean2004 = 0;
  std::thread other([&] {
    for (int i = 0; i < 10; ++i) {
      ImportOutcome out = scorm2004().import(p2004, schemas);
      if (out.errors() == 0 && out.has_code("scorm.xsd.trusted")) ++clean2004;
    }
  });
  for (int i = 0; i < 10; ++i) {
    ImportOutcome out = scorm12().import(p12, schemas);
    if (out.errors() == 0 && out.has_code("scorm.xsd.trusted")) ++clean12;
  }
  other.join();
  CHECK(clean12 == 10);
  CHECK(clean2004 == 10);
}

TEST_CASE("Hostile schema files in a package read nothing outside it and expand no bombs", "[scorm][xsd][hostile]") {
  std::string m = manifest12(org(one_item), sco12("r1", "a.html"),
                             "xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd\"");
  std::string lol = "<!ENTITY a \"aaaaaaaaaa\">";
  for (char c = 'b'; c <= 'k'; ++c)
    lol += std::string("<!ENTITY ") + c + " \"" + std::string(10, '&') + "\">";
  for (char c = 'b'; c <= 'k'; ++c) {
    std::string refs;
    for (int i = 0; i < 10; ++i) refs += std::string("&") + static_cast<char>(c - 1) + ";";
    lol.replace(lol.find(std::string(10, '&')), 10, refs);
  }
  const char* xsd_body =
      "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
      "targetNamespace=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"><xs:annotation><xs:documentation>"
      "&secret;&k;</xs:documentation></xs:annotation></xs:schema>";
  MemoryPackage p = package(m);
  p.add("imscp_rootv1p1p2.xsd", "<?xml version=\"1.0\"?><!DOCTYPE xs:schema [<!ENTITY secret SYSTEM "
                                "\"file:///etc/passwd\">" + lol + "]>" + xsd_body);
  ImportOutcome out = scorm12().import(p);
  INFO(out.summary());
  CHECK(out.status == 0);
  CHECK_FALSE(out.has_code("importer.failed"));
  CHECK(out.summary().find("root:") == std::string::npos);
  CHECK(out.has_course);
}
