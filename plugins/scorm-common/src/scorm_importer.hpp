// The importer both SCORM plugins are: locate imsmanifest.xml, classify it, parse
// and check it, validate it against XSDs, and hand the course model to the host.
// Each plugin instantiates it for its own standard and answers 0 for the other's.
#pragma once

#include <optional>
#include <string>

#include "scorm_detect.hpp"
#include "trellis/cpp/importer.hpp"
#include "xsd_check.hpp"

namespace trellis::scorm {

struct ManifestLocation {
  std::string path;  // package-relative path of imsmanifest.xml
  std::string root;  // its folder with a trailing '/', or ""
};

// The root imsmanifest.xml, else the one shallowest below the root when it is the
// only one at that depth (zips made from the folder around the course).
std::optional<ManifestLocation> locate_manifest(const trellis::Package& package);

class ScormImporter : public trellis::Importer {
 public:
  explicit ScormImporter(Standard standard) : standard_(standard) {}
  const char* format() const override { return standard_ == Standard::scorm12 ? "scorm12" : "scorm2004"; }
  int detect(const trellis::Package& package, std::string& what) override;
  void import_package(const trellis::Package& package, const trellis::ImportOptions& options,
                      trellis::ImportReport& report, const trellis::Cancel& cancel) override;

 private:
  Standard standard_;
  XsdCheck xsd_;
};

}  // namespace trellis::scorm
