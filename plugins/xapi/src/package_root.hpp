// Finding tincan.xml in a package (lms_lrs.md): exactly one, and its folder is the
// package root; above it only single folders are expected.
#pragma once

#include <string>
#include <vector>

namespace trellis::xapi {

struct PackageRoot {
  std::vector<std::string> manifests;  // every tincan.xml, in package order
  std::string root;                    // folder of the first one, "" or "a/b/"
  std::vector<std::string> outside;    // files not under the root (OS litter excluded)
};

PackageRoot find_package_root(const std::vector<std::string>& paths);

}  // namespace trellis::xapi
