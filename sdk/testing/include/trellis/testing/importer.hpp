// A loaded importer plugin (trellis.importer/1) and its detect and import.
#pragma once

#include <filesystem>
#include <string>

#include "trellis/testing/course_model.hpp"
#include "trellis/testing/import_run.hpp"
#include "trellis/testing/loaded_plugin.hpp"
#include "trellis/testing/package.hpp"

namespace trellis::testing {

class LoadedImporter : public LoadedPlugin {
 public:
  explicit LoadedImporter(const std::filesystem::path& library, const Settings& settings = {}, HttpService http = nullptr)
      : LoadedPlugin(library, TRELLIS_CAPABILITY_IMPORTER, settings, http) {}

  std::string format() const;
  Detection detect(const MemoryPackage& package) const;
  ImportOutcome import(const MemoryPackage& package, const std::string& schema_dir = {}, bool validate_only = false,
                       bool parse_course = true) const;
  ImportOutcome import(const MemoryPackage& package, const ImportRequest& request) const;
};

}  // namespace trellis::testing
