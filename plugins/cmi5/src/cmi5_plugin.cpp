// The cmi5 importer plugin: finds cmi5.xml (at the package root, or a package that
// is nothing but a course structure file) and hands the course model to the host.
#include "importer.hpp"
#include "launch_plan.hpp"
#include "parser.hpp"
#include "trellis/cpp/plugin.hpp"
#include "trellis/cpp/runtime.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_root.hpp"

namespace {

constexpr const char* kManifest = "cmi5.xml";

// Where the course structure is, and whether the package is only that file.
struct Located {
  std::string path;
  bool structure_only = false;
};

std::optional<Located> locate(const trellis::Package& package) {
  std::vector<trellis::PackageEntry> entries = package.entries();
  // A bare file (not a zip or folder holding one file, whose AU files may just be
  // missing); a host before ABI 1.3 does not say, so one entry counts as bare there.
  bool bare = package.single_file().value_or(entries.size() == 1);
  if (package.exists(kManifest)) return Located{kManifest, bare};
  // A bare course structure may keep any file name (the CATAPULT tests do); so
  // may the one file of a zip, as before.
  if (entries.size() == 1 && (bare || trellis::kit::is_top_level_xml_file(entries.front().path)))
    return Located{entries.front().path, bare};
  return std::nullopt;
}

bool is_course_structure(const trellis::kit::XmlRoot& root) {
  return root.local_name == "courseStructure" && root.namespace_uri == trellis::cmi5::kNamespace;
}

// A course structure under another name beside other files: say which file and
// what to do, since the package is refused.
void report_near_misses(const trellis::Package& package) {
  trellis::kit::report_near_misses(
      package, kManifest, is_course_structure,
      [](const std::string& path) {
        return "found " + path + " with a cmi5 courseStructure root: import that file, or rename it cmi5.xml";
      });
}

class Cmi5Importer : public trellis::Plugin, public trellis::Importer, public trellis::Runtime {
 public:
  explicit Cmi5Importer(trellis::Host) {}
  const char* format() const override { return "cmi5"; }

  // The runtime side: a cmi5 AU talks to the LRS itself, so a launch is the
  // whole of it and there is no commit to check.
  const char* runtime_format() const override { return "cmi5"; }
  std::string prepare_launch(std::string_view request) const override { return trellis::cmi5::launch_plan(request); }
  std::string apply_commit(std::string_view) const override {
    throw trellis::Error(TRELLIS_ERR_UNSUPPORTED, "a cmi5 AU sends its statements to the LRS; it has no commits");
  }

  int detect(const trellis::Package& package, std::string& what) override {
    std::optional<Located> at = locate(package);
    if (!at) {
      report_near_misses(package);
      return 0;
    }
    if (at->path == kManifest && !at->structure_only) {
      what = "cmi5 course package";
      return 95;
    }
    // Only a file whose root really is a cmi5 courseStructure counts. Its head
    // tells most files apart (an upload of anything) before it is read whole.
    std::optional<trellis::kit::XmlRoot> root =
        trellis::kit::sniff_xml_root(package, package.entries().front(), 16 * 1024, UINT64_MAX);
    if (!root || !is_course_structure(*root)) return 0;
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
