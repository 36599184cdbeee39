// The loaded cmi5 plugin and shortcuts the cmi5 tests share.
#pragma once

#include <string>

#include "cmi5_builder.hpp"
#include "import_expectations.hpp"

namespace trellis::testing::cmi5 {

inline const LoadedImporter& plugin() {
  static LoadedImporter loaded(TRELLIS_CMI5_PLUGIN);
  return loaded;
}

// A package with `xml` as cmi5.xml plus an index.html for relative urls.
inline MemoryPackage package_with(const std::string& xml) {
  return MemoryPackage({{"cmi5.xml", xml}, {"index.html", "<html></html>"}}, "course.zip");
}

inline ImportOutcome import_xml(const std::string& xml, const std::string& schema_dir = {}) {
  return plugin().import(package_with(xml), schema_dir);
}

}  // namespace trellis::testing::cmi5
