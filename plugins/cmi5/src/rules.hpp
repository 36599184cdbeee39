// The cmi5 rules an XSD cannot express: ids are IRIs and unique, objective
// references resolve, AU urls are valid, launchable from this package and free of
// the launch parameters the LMS adds, masteryScore in [0,1], enumerations.
// Also decides each AU's launch (package file or external URL).
#pragma once

#include "course_structure.hpp"
#include "trellis/import_kit/findings.hpp"
#include "trellis/import_kit/sdk_bridge.hpp"

namespace trellis::cmi5 {

// `files` is the package around cmi5.xml; `structure_only` is true when the package
// holds nothing but the course structure (a bare cmi5.xml), so relative urls cannot work.
void apply_rules(CourseStructure& course, const kit::PackageFiles& files, bool structure_only,
                 kit::Findings& findings);

}  // namespace trellis::cmi5
