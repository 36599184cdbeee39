#include "package_root.hpp"

namespace trellis::xapi {
namespace {

bool is_manifest(const std::string& path) {
  size_t slash = path.rfind('/');
  return path.compare(slash == std::string::npos ? 0 : slash + 1, std::string::npos, "tincan.xml") == 0;
}

// Files archivers add on their own; they are never part of the content.
bool is_litter(const std::string& path) {
  return path.rfind("__MACOSX/", 0) == 0 || path == ".DS_Store" ||
         (path.size() > 10 && path.compare(path.size() - 10, 10, "/.DS_Store") == 0);
}

}  // namespace

PackageRoot find_package_root(const std::vector<std::string>& paths) {
  PackageRoot out;
  for (const std::string& p : paths)
    if (is_manifest(p) && !is_litter(p)) out.manifests.push_back(p);
  if (out.manifests.empty()) return out;
  const std::string& first = out.manifests.front();
  out.root = first.substr(0, first.size() - std::string("tincan.xml").size());
  for (const std::string& p : paths)
    if (!is_litter(p) && p.compare(0, out.root.size(), out.root) != 0) out.outside.push_back(p);
  return out;
}

}  // namespace trellis::xapi
