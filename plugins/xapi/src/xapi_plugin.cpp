// The xAPI/TinCan importer plugin: the package's one tincan.xml describes its
// activities; the launchable one becomes the course's launchable module.
#include "launch_plan.hpp"
#include "trellis/cpp/runtime.hpp"
#include "model_json.hpp"
#include "package_root.hpp"
#include "reader.hpp"
#include "rules.hpp"
#include "trellis/cpp/plugin.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_root.hpp"

namespace {

bool is_tincan(const trellis::kit::XmlRoot& root) { return root.local_name == "tincan"; }

// tincan.xml wherever it is; or, for a package that is one XML file (a bare
// tincan.xml under another name, lms_lrs.md allows it; a bare file the host
// opened, under any name), that file if its root is <tincan>. The file's head
// tells most files apart before it is read whole.
trellis::xapi::PackageRoot locate(const trellis::Package& package) {
  std::vector<trellis::PackageEntry> entries = package.entries();
  std::vector<std::string> paths;
  for (const trellis::PackageEntry& e : entries) paths.push_back(e.path);
  trellis::xapi::PackageRoot found = trellis::xapi::find_package_root(paths);
  if (!found.manifests.empty() || entries.size() != 1) return found;
  const trellis::PackageEntry& only = entries.front();
  if (!package.single_file().value_or(false) && !trellis::kit::is_top_level_xml_file(only.path)) return found;
  std::optional<trellis::kit::XmlRoot> root = trellis::kit::sniff_xml_root(package, only, 16 * 1024, UINT64_MAX);
  if (root && is_tincan(*root) && trellis::xapi::looks_like_tincan(package.read(only.path)))
    found.manifests.push_back(only.path);
  return found;
}

// A TinCan manifest under another name beside other files: say which and what to do.
void report_near_misses(const trellis::Package& package) {
  trellis::kit::report_near_misses(package, "tincan.xml", is_tincan, [](const std::string& path) {
    return "found " + path + " with a TinCan <tincan> root: rename it tincan.xml";
  });
}

class XapiImporter : public trellis::Plugin, public trellis::Importer, public trellis::Runtime {
 public:
  explicit XapiImporter(trellis::Host) {}
  const char* format() const override { return "xapi"; }

  // The runtime side: a TinCan activity talks to the LRS itself.
  const char* runtime_format() const override { return "xapi"; }
  std::string prepare_launch(std::string_view request) const override { return trellis::xapi::launch_plan(request); }
  std::string apply_commit(std::string_view) const override {
    throw trellis::Error(TRELLIS_ERR_UNSUPPORTED, "a TinCan activity sends its statements to the LRS; it has no commits");
  }

  int detect(const trellis::Package& package, std::string& what) override {
    trellis::xapi::PackageRoot found = locate(package);
    if (found.manifests.empty()) {
      report_near_misses(package);
      return 0;
    }
    // The file name alone is a strong signal; import explains what is wrong inside.
    what = found.manifests.size() == 1 ? "xAPI (TinCan) package" : "xAPI (TinCan) package with several tincan.xml";
    return 90;
  }

  void import_package(const trellis::Package& package, const trellis::ImportOptions&, trellis::ImportReport& report,
                      const trellis::Cancel& cancel) override {
    trellis::xapi::PackageRoot found = locate(package);
    if (found.manifests.empty()) {
      report.error("xapi.package.no-tincan-xml", "The package has no tincan.xml; a TinCan package always has one.");
      return;
    }
    if (found.manifests.size() > 1) {
      std::string list;
      for (const std::string& m : found.manifests) list += (list.empty() ? "" : ", ") + m;
      report.error("xapi.package.multiple-tincan-xml",
                   "The package holds " + std::to_string(found.manifests.size()) + " tincan.xml files (" + list +
                       "); a TinCan package has exactly one.");
      return;
    }
    const std::string& manifest = found.manifests.front();
    if (!found.outside.empty())
      report.warning("xapi.package.outside-root",
                     std::to_string(found.outside.size()) + " file(s), e.g. '" + found.outside.front() +
                         "', lie outside the package root '" + found.root +
                         "' (the folder of tincan.xml); they are not part of the course.",
                     manifest);
    std::string xml = package.read(manifest);
    cancel.check();
    trellis::kit::Findings findings(manifest);
    std::optional<trellis::xapi::TinCan> tincan = trellis::xapi::read_tincan(xml, findings);
    if (tincan) {
      trellis::kit::SdkPackageFiles files(package);
      trellis::xapi::apply_rules(*tincan, found.root, files, findings);
    }
    trellis::kit::report_findings(findings, report);
    if (tincan) report.set_course(trellis::xapi::course_model_json(*tincan));
  }
};

}  // namespace

TRELLIS_PLUGIN(XapiImporter, "xapi", "1.0.0")
