// Choosing an importer for a package and running it through the C ABI.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_store.hpp"
#include "catalog/model_staging.hpp"
#include "core/progress.hpp"
#include "package/package.hpp"
#include "plugins/manager.hpp"

namespace trellis::catalog {

struct ImporterRun {
  std::string format;       // the chosen importer's format ("" when none)
  std::string plugin_id;
  std::string description;  // what detect said, e.g. "SCORM 2004 4th Edition"
  std::vector<StoredDiagnostic> diagnostics;
  // The first part of the course model the host refused (malformed); later parts
  // are refused too, so the importer stops.
  std::optional<Error> model_error;
};

// Asks every importer's detect (highest confidence wins), then imports, staging
// the course model the importer hands over in `staging`. Problems with the
// package become error diagnostics, never an Error. `progress` hears
// "detecting the format" (importers asked of those enabled), then "running the
// <format> importer".
ImporterRun run_importer(const std::vector<plugins::Capability<trellis_importer_v1>>& importers,
                         const package::Package& package, uint64_t read_limit, const std::string& schema_dir,
                         bool validate_only, ModelStaging& staging, const ProgressFn& progress = {});

std::string severity_name(int32_t severity);

}  // namespace trellis::catalog
