// The TinCan packaging rules (lms_lrs.md) and xAPI's: activity ids are unique
// IRIs, types are IRIs, at most one activity carries launch/resource, relative
// launch paths name files of the package, absolute ones are kept as external.
#pragma once

#include <string>

#include "tincan.hpp"
#include "trellis/import_kit/findings.hpp"
#include "trellis/import_kit/sdk_bridge.hpp"

namespace trellis::xapi {

// `root` is the folder holding tincan.xml ("" or "course/"): launch paths are
// relative to it and become package-relative hrefs.
void apply_rules(TinCan& tincan, const std::string& root, const kit::PackageFiles& files, kit::Findings& findings);

// The index of the launchable activity, or -1.
int launchable_activity(const TinCan& tincan);

}  // namespace trellis::xapi
