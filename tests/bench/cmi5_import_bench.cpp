// Issue 5's benchmark: importing a generated cmi5 course structure with 10,000 AUs
// in 500 blocks (the cmi5 plugin loaded from its library, rules in code plus the
// published XSD), against `xmllint --noout --schema` of the same file, measured in
// the same run. Target: at most 2x.
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

std::string text(const std::string& value) {
  return "<title><langstring lang=\"en-US\">" + value + "</langstring><langstring lang=\"de-DE\">" + value +
         "</langstring></title><description><langstring lang=\"en-US\">About " + value +
         "</langstring></description>";
}

std::string generated_course(int blocks, int aus_per_block) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n"
      "<course id=\"https://bench.example.org/course\">" + text("Bench course") + "</course>\n"
      "<objectives><objective id=\"https://bench.example.org/objective/1\">" + text("Objective") +
      "</objective></objectives>\n";
  for (int b = 0; b < blocks; ++b) {
    std::string block_id = "https://bench.example.org/block/" + std::to_string(b);
    xml += "<block id=\"" + block_id + "\">" + text("Block " + std::to_string(b)) + "\n";
    for (int a = 0; a < aus_per_block; ++a) {
      std::string au_id = block_id + "/au/" + std::to_string(a);
      xml += "  <au id=\"" + au_id + "\" moveOn=\"CompletedOrPassed\" masteryScore=\"0.8\" launchMethod=\"AnyWindow\">" +
             text("AU " + std::to_string(a)) +
             "<objectives><objective idref=\"https://bench.example.org/objective/1\"/></objectives>"
             "<url>https://cdn.bench.example.org/au/" + std::to_string(b) + "/" + std::to_string(a) +
             "/index.html?lang=en</url><launchParameters>{\"level\":" + std::to_string(a) +
             "}</launchParameters></au>\n";
    }
    xml += "</block>\n";
  }
  return xml + "</courseStructure>\n";
}

}  // namespace

int main() {
  fs::path schemas = fs::path(TRELLIS_SHARED_DIR) / "conformance" / "schemas";
  fs::path xsd = schemas / "cmi5" / "CourseStructure.xsd";
  if (!fs::exists(xsd)) {
    bench::skip("cmi5.import_10000_aus", xsd.string() + " is absent (no XSD for the floor)");
    return bench::finish();
  }
  testing::TempDir dir;
  std::string xml = generated_course(500, 20);
  fs::path file = dir / "cmi5.xml";
  testing::write_file(file, xml);
  testing::LoadedImporter plugin(TRELLIS_CMI5_PLUGIN);
  testing::MemoryPackage package({{"course-structure.xml", xml}}, "course-structure.xml");

  // Once unmeasured to prove the subject does the whole job.
  testing::ImportOutcome check = plugin.import(package, schemas.string());
  if (check.errors() != 0 || testing::count_launchable(check.course) != 10000) {
    std::fprintf(stderr, "the generated course did not import cleanly:\n%s", check.summary().c_str());
    return 1;
  }
  auto lint = testing::run({"/usr/bin/xmllint", "--noout", "--nonet", "--schema", xsd.string(), file.string()});
  if (lint.exit_code != 0) {
    std::fprintf(stderr, "xmllint rejected the generated course: %s\n", lint.err.c_str());
    return 1;
  }
  std::printf("cmi5 course structure: %zu bytes, 500 blocks, 10000 AUs\n", xml.size());
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
        if (testing::run({"/usr/bin/xmllint", "--noout", "--nonet", "--schema", xsd.string(), file.string()}).exit_code != 0)
          ++failed_runs;
      },
      7, 1);
  if (failed_runs) bench::fail("cmi5.import_10000_aus", std::to_string(failed_runs) + " timed runs did not do the whole job");
  bench::report("cmi5.import_10000_aus", subject, floor, 2.0);
  return bench::finish();
}
