#include "scorm_importer.hpp"

#include <algorithm>

#include "course_output.hpp"
#include "manifest_parser.hpp"
#include "trellis/import_kit/sdk_bridge.hpp"
#include "trellis/import_kit/xml_root.hpp"

namespace trellis::scorm {
namespace {

constexpr std::string_view kManifest = "imsmanifest.xml";

bool is_macosx(std::string_view path) { return path.rfind("__MACOSX/", 0) == 0; }

std::string describe(const Detected& d) {
  if (d.standard == Standard::scorm12) return "SCORM 1.2";
  return "SCORM 2004 " + d.edition + " Edition";
}

// Invalid UTF-8 in a manifest becomes U+FFFD rather than failing the import.
std::string dump(const nlohmann::json& part) {
  return part.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The course handed to the host part by part, as the parser produces it.
class StreamedCourse final : public CourseOutput {
 public:
  explicit StreamedCourse(trellis::ImportReport& report) : report_(report) {}
  void header(nlohmann::json header) override { report_.begin_course(dump(header)); }
  void node(nlohmann::json node, int64_t) override { report_.add_node(dump(node)); }
  void resource(nlohmann::json resource) override { report_.add_resource(dump(resource)); }

 private:
  trellis::ImportReport& report_;
};

}  // namespace

namespace {
// The IMS content package namespaces: imsproject.org's (SCORM 1.2), imsglobal.org's (2004).
bool is_content_package_manifest(const kit::XmlRoot& root) {
  return root.local_name == "manifest" && root.namespace_uri.find("/xsd/imscp") != std::string::npos;
}
}  // namespace

std::optional<ManifestLocation> locate_manifest(const trellis::Package& package) {
  if (package.exists(kManifest)) return ManifestLocation{std::string(kManifest), ""};
  std::vector<trellis::PackageEntry> entries = package.entries();
  // A bare manifest the host opened as a file (an upload) keeps whatever name it
  // came under; its root says what it is.
  if (entries.size() == 1 && package.single_file().value_or(false)) {
    std::optional<kit::XmlRoot> root = kit::sniff_xml_root(package, entries.front(), 16 * 1024, UINT64_MAX);
    if (root && is_content_package_manifest(*root)) return ManifestLocation{entries.front().path, ""};
  }
  std::vector<std::string> nested;
  for (const trellis::PackageEntry& e : entries) {
    std::string_view p = e.path;
    if (is_macosx(p) || p.size() <= kManifest.size() + 1) continue;
    if (p.substr(p.size() - kManifest.size() - 1) == "/" + std::string(kManifest)) nested.push_back(e.path);
  }
  if (nested.empty()) return std::nullopt;
  auto depth = [](const std::string& p) { return std::count(p.begin(), p.end(), '/'); };
  std::sort(nested.begin(), nested.end(), [&](const auto& a, const auto& b) { return depth(a) < depth(b); });
  if (nested.size() > 1 && depth(nested[0]) == depth(nested[1])) return std::nullopt;
  return ManifestLocation{nested[0], nested[0].substr(0, nested[0].size() - kManifest.size())};
}

namespace {
// The manifest as the package's streamed reads, checking for cancellation
// between pieces. A reader that wants no more ends the host's read early: the
// SDK stops a read only through an exception, so a private one does it here.
XmlSource manifest_source(const trellis::Package& package, const std::string& path, const trellis::Cancel* cancel) {
  return [&package, path, cancel](const XmlPiece& piece) {
    struct Enough {};
    try {
      package.read_in_pieces(path, [&](std::string_view bytes) {
        if (cancel) cancel->check();
        if (!piece(bytes)) throw Enough{};
      });
    } catch (const Enough&) {
    }
  };
}
}  // namespace

int ScormImporter::detect(const trellis::Package& package, std::string& what) {
  std::optional<ManifestLocation> at = locate_manifest(package);
  if (!at) {
    // A manifest under another name: say which file, since the package is refused.
    kit::report_near_misses(package, kManifest, is_content_package_manifest, [](const std::string& path) {
      return "found " + path + " with an IMS content package <manifest> root: rename it imsmanifest.xml";
    });
    return 0;
  }
  Detected d = detect_manifest(manifest_source(package, at->path, nullptr));
  if (!d.readable) {
    // A broken manifest still deserves a precise rejection; SCORM 1.2 takes it.
    if (standard_ != Standard::scorm12) return 0;
    what = "IMS content package with an unreadable imsmanifest.xml";
    return 20;
  }
  if (d.standard != standard_) return 0;
  what = describe(d);
  return at->root.empty() ? 95 : 85;
}

void ScormImporter::import_package(const trellis::Package& package, const trellis::ImportOptions& options,
                                   trellis::ImportReport& report, const trellis::Cancel& cancel) {
  std::optional<ManifestLocation> at = locate_manifest(package);
  if (!at) {
    report.error("scorm.manifest.missing",
                 "The package has no imsmanifest.xml at its root (nor one unambiguous manifest in a sub-folder).");
    return;
  }
  if (!at->root.empty())
    report.warning("scorm.manifest.nested", "imsmanifest.xml is in the folder '" + at->root +
                                                "', not at the package root; that folder is used as the root.",
                   at->path);
  bool macosx = false;
  for (const trellis::PackageEntry& e : package.entries()) macosx = macosx || is_macosx(e.path);
  if (macosx)
    report.info("scorm.macosx.ignored", "The package carries a __MACOSX/ folder (macOS zip residue); it is ignored.");

  XmlSource source = manifest_source(package, at->path, &cancel);
  Detected detected = detect_manifest(source);
  cancel.check();
  ManifestInput input;
  input.source = source;
  input.manifest_path = at->path;
  input.root = at->root;
  input.standard = standard_;
  input.edition = detected.edition;
  input.edition_assumed = detected.edition_assumed;
  input.schemaversion = detected.schemaversion;
  input.exists = [&](const std::string& path) { return package.exists(path); };
  input.read = [&](const std::string& path) -> std::optional<std::string> {
    if (!package.exists(path)) return std::nullopt;
    return package.read(path);
  };

  kit::Findings findings(at->path);
  // A host that takes the course in parts gets it while the manifest is read;
  // an older one gets the whole document at the end.
  StreamedCourse streamed(report);
  CourseDocument whole;
  CourseOutput& output = report.can_stream() ? static_cast<CourseOutput&>(streamed) : whole;
  ManifestResult result = parse_manifest(input, output, findings);
  cancel.check();
  if (result.course) {
    // A read of its own, after the parse: libxml2's validator state (it grows with
    // the number of siblings, 5,000 resources in one <resources>) never adds up
    // with the parser's.
    XsdRequest request;
    request.schema_location = detected.schema_location;
    request.root_namespaces = detected.root_namespaces;
    request.standard = standard_;
    request.edition = detected.edition;
    request.root = at->root;
    request.schema_dir = options.schema_dir;
    request.read = input.read;
    xsd_.validate(request, source, findings);
  }
  kit::report_findings(findings, report);
  for (const kit::Findings& other : result.other_files) kit::report_findings(other, report);
  cancel.check();
  if (std::optional<nlohmann::json> course = whole.take()) report.set_course(dump(*course));
}

}  // namespace trellis::scorm
