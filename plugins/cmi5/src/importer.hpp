// cmi5 import without the host: course structure bytes in, findings and the
// course model out. The plugin and the fuzz target both go through here.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "trellis/import_kit/findings.hpp"
#include "trellis/import_kit/sdk_bridge.hpp"
#include "xsd_validator.hpp"

namespace trellis::cmi5 {

struct ImportInput {
  std::string_view xml;
  const kit::PackageFiles* files = nullptr;
  bool structure_only = false;                  // the package is just the course structure
  std::optional<std::filesystem::path> schema;  // CourseStructure.xsd to validate against
  XsdValidator* validator = nullptr;
};

// The course model JSON, or nullopt when the XML could not be read as a course
// structure. Errors in `findings` mean the package must be rejected.
std::optional<std::string> import_course_structure(const ImportInput& input, kit::Findings& findings);

}  // namespace trellis::cmi5
