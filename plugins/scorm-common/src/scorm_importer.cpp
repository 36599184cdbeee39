#include "scorm_importer.hpp"

#include <algorithm>

#include "manifest_parser.hpp"
#include "trellis/import_kit/sdk_bridge.hpp"

namespace trellis::scorm {
namespace {

constexpr std::string_view kManifest = "imsmanifest.xml";

bool is_macosx(std::string_view path) { return path.rfind("__MACOSX/", 0) == 0; }

std::string describe(const Detected& d) {
  if (d.standard == Standard::scorm12) return "SCORM 1.2";
  return "SCORM 2004 " + d.edition + " Edition";
}

}  // namespace

std::optional<ManifestLocation> locate_manifest(const trellis::Package& package) {
  if (package.exists(kManifest)) return ManifestLocation{std::string(kManifest), ""};
  std::vector<std::string> nested;
  for (const trellis::PackageEntry& e : package.entries()) {
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

int ScormImporter::detect(const trellis::Package& package, std::string& what) {
  std::optional<ManifestLocation> at = locate_manifest(package);
  if (!at) return 0;
  Detected d = detect_manifest(package.read(at->path));
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

  std::string xml = package.read(at->path);
  cancel.check();
  Detected detected = detect_manifest(xml);
  ManifestInput input;
  input.xml = xml;
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
  ManifestResult result = parse_manifest(input, findings);
  cancel.check();
  if (result.course) {
    XsdRequest request;
    request.xml = xml;
    request.standard = standard_;
    request.edition = detected.edition;
    request.root = at->root;
    request.schema_dir = options.schema_dir;
    request.read = input.read;
    xsd_.validate(request, findings);
  }
  kit::report_findings(findings, report);
  for (const kit::Findings& other : result.other_files) kit::report_findings(other, report);
  cancel.check();
  // Invalid UTF-8 in a manifest becomes U+FFFD rather than failing the import.
  if (result.course) report.set_course(result.course->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace trellis::scorm
