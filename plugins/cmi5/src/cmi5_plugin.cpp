// The cmi5 importer plugin: finds cmi5.xml (at the package root, or a package that
// is nothing but a course structure file) and hands the course model to the host.
#include "importer.hpp"
#include "parser.hpp"
#include "trellis/cpp/plugin.hpp"
#include "trellis/import_kit/text.hpp"

namespace {

constexpr const char* kManifest = "cmi5.xml";

// Where the course structure is, and whether the package is only that file.
struct Located {
  std::string path;
  bool structure_only = false;
};

std::optional<Located> locate(const trellis::Package& package) {
  std::vector<trellis::PackageEntry> entries = package.entries();
  if (package.exists(kManifest)) return Located{kManifest, entries.size() == 1};
  // A bare course structure may keep any file name (the CATAPULT tests do).
  if (entries.size() == 1 && trellis::kit::is_top_level_xml_file(entries.front().path))
    return Located{entries.front().path, true};
  return std::nullopt;
}

class Cmi5Importer : public trellis::Plugin, public trellis::Importer {
 public:
  explicit Cmi5Importer(trellis::Host) {}
  const char* format() const override { return "cmi5"; }

  int detect(const trellis::Package& package, std::string& what) override {
    std::optional<Located> at = locate(package);
    if (!at) return 0;
    if (at->path == kManifest && !at->structure_only) {
      what = "cmi5 course package";
      return 95;
    }
    // Only a file whose root really is a cmi5 courseStructure counts.
    if (!trellis::cmi5::looks_like_course_structure(package.read(at->path))) return 0;
    what = "cmi5 course structure (XML only)";
    return 90;
  }

  void import_package(const trellis::Package& package, const trellis::ImportOptions& options,
                      trellis::ImportReport& report, const trellis::Cancel& cancel) override {
    std::optional<Located> at = locate(package);
    if (!at) {
      report.error("cmi5.package.no-course-structure",
                   "The package has no cmi5.xml at its root; a cmi5 package keeps its course structure there.");
      return;
    }
    std::string xml = package.read(at->path);
    cancel.check();
    trellis::kit::SdkPackageFiles files(package);
    trellis::cmi5::ImportInput input;
    input.xml = xml;
    input.files = &files;
    input.structure_only = at->structure_only;
    if (!options.schema_dir.empty()) {
      input.schema = trellis::cmi5::XsdValidator::find_schema(options.schema_dir);
      input.validator = &validator_;
      if (!input.schema)
        report.warning("cmi5.xsd.unavailable", "No CourseStructure.xsd in the schema folder " + options.schema_dir +
                                                   "; the structure was checked by the rules in code only.");
    }
    trellis::kit::Findings findings(at->path);
    std::optional<std::string> model = trellis::cmi5::import_course_structure(input, findings);
    trellis::kit::report_findings(findings, report);
    cancel.check();
    if (model) report.set_course(*model);
  }

 private:
  trellis::cmi5::XsdValidator validator_;
};

}  // namespace

TRELLIS_PLUGIN(Cmi5Importer, "cmi5", "1.0.0")
