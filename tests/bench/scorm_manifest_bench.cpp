// The SCORM importer's share of issue 4's benchmark: a generated SCORM 1.2
// manifest with 5,000 items (and as many resources and files) imported by the
// scorm12 plugin loaded from its library (rules in code, file checks, XSD
// validation against the trusted schema folder), against `xmllint --noout
// --schema` of the same manifest, measured in the same run. Target: at most 1.5x.
// (File content is the catalog's part of the benchmark: the importer never reads it.)
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench.hpp"
#include "import_check.hpp"
#include "fake_host.hpp"
#include "support.hpp"

using namespace trellis;
namespace fs = std::filesystem;

namespace {

std::string generated_manifest(int modules, int items_per_module, testing::MemoryPackage& package) {
  std::string items, resources;
  for (int m = 0; m < modules; ++m) {
    items += "<item identifier=\"m" + std::to_string(m) + "\"><title>Module " + std::to_string(m) + "</title>";
    for (int i = 0; i < items_per_module; ++i) {
      std::string id = std::to_string(m) + "_" + std::to_string(i);
      std::string href = "m" + std::to_string(m) + "/page" + std::to_string(i) + ".html";
      items += "<item identifier=\"i" + id + "\" identifierref=\"r" + id + "\" parameters=\"?p=" + id +
               "\"><title>Page " + id + "</title><adlcp:masteryscore>80</adlcp:masteryscore></item>";
      resources += "<resource identifier=\"r" + id + "\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"" + href +
                   "\"><file href=\"" + href + "\"/><dependency identifierref=\"shared\"/></resource>";
      package.add(href, "x");
    }
    items += "</item>";
  }
  package.add("shared/api.js", "x");
  return "<?xml version=\"1.0\"?>\n<manifest identifier=\"bench\" version=\"1\" "
         "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" "
         "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\">\n"
         "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n"
         "<organizations default=\"o\"><organization identifier=\"o\"><title>Bench</title>" +
         items + "</organization></organizations>\n<resources>" + resources +
         "<resource identifier=\"shared\" type=\"webcontent\" adlcp:scormtype=\"asset\"><file href=\"shared/api.js\"/>"
         "</resource></resources>\n</manifest>\n";
}

}  // namespace

int main() {
  fs::path schemas = fs::path(TRELLIS_SHARED_DIR) / "conformance" / "schemas";
  if (!fs::exists(schemas / "scorm12" / "imscp_rootv1p1p2.xsd")) {
    bench::skip("scorm.import_5000_items", schemas.string() + " is absent (no XSDs for the floor)");
    return bench::finish();
  }
  testing::TempDir dir;
  testing::MemoryPackage package;
  std::string xml = generated_manifest(250, 20, package);
  package.add("imsmanifest.xml", xml);
  fs::path file = dir / "imsmanifest.xml";
  testing::write_file(file, xml);
  // xmllint validates against one schema: a driver importing the two the manifest uses.
  fs::path driver = dir / "driver.xsd";
  testing::write_file(driver, "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                              "<xs:import namespace=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" schemaLocation=\"" +
                                  (schemas / "scorm12" / "imscp_rootv1p1p2.xsd").string() +
                                  "\"/><xs:import namespace=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" "
                                  "schemaLocation=\"" +
                                  (schemas / "scorm12" / "adlcp_rootv1p2.xsd").string() + "\"/></xs:schema>");
  testing::LoadedImporter plugin(TRELLIS_SCORM12_PLUGIN);

  testing::ImportOutcome check = plugin.import(package, schemas.string());
  if (check.errors() != 0 || testing::count_launchable(check.course) != 5000 || !check.has_code("scorm.xsd.trusted")) {
    std::fprintf(stderr, "the generated package did not import cleanly:\n%s", check.summary().c_str());
    return 1;
  }
  auto lint = testing::run({"/usr/bin/xmllint", "--noout", "--nonet", "--schema", driver.string(), file.string()});
  if (lint.exit_code != 0) {
    std::fprintf(stderr, "xmllint rejected the generated manifest: %s\n", lint.err.c_str());
    return 1;
  }
  std::printf("SCORM 1.2 manifest: %zu bytes, 5250 items, 5001 resources\n", xml.size());
  // Unparsed in the timed runs (the bench times the importer, not the test
  // host's JSON parse): each must still produce the whole course.
  int failed_runs = 0;
  auto subject = bench::measure(
      [&] {
        auto run = plugin.import(package, schemas.string(), false, false);
        if (!bench::same_course(run, check)) ++failed_runs;
      },
      7, 1);
  auto floor = bench::measure(
      [&] {
        if (testing::run({"/usr/bin/xmllint", "--noout", "--nonet", "--schema", driver.string(), file.string()}).exit_code != 0)
          ++failed_runs;
      },
      7, 1);
  if (failed_runs) bench::fail("scorm.import_5000_items", std::to_string(failed_runs) + " timed runs did not do the whole job");
  bench::report("scorm.import_5000_items", subject, floor, 1.5);
  return bench::finish();
}
