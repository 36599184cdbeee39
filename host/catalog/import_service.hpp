// From a package on disk to a stored course version, all or nothing:
// safe open -> importer detect/import -> model check -> (import only) streaming
// extraction into home/tmp -> one transaction that also renames the folder into
// home/courses/<course>/<version>. See docs/architecture.md.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "core/home.hpp"
#include "core/progress.hpp"
#include "catalog/import_hooks.hpp"
#include "core/result.hpp"
#include "plugins/manager.hpp"
#include "store/database.hpp"

namespace trellis::catalog {

struct ImportRequest {
  std::filesystem::path package;
  std::string package_name;  // shown in reports; defaults to the file name
  bool validate_only = false;
  std::string actor = "cli";
  // Content equal to an earlier (not the latest) version is refused unless this
  // is set: then it is stored as the next version on purpose.
  bool as_new_version = false;
};

struct ImportOutcome {
  bool accepted = false;  // false: the package was rejected (error diagnostics say why)
  nlohmann::json report;
  // The importer's one-line summary (import_report.hpp summary_line), for people;
  // empty when no course came through.
  nlohmann::json summary = nlohmann::json::array();
  // Rejected because it equals an earlier version (report "matches_version"):
  // a conflict with what is stored, not a fault of the package.
  bool matches_earlier_version = false;
};

// Errors are reserved for the environment (disk, database); a bad package is an
// outcome with accepted == false. `hooks` hear of a stored version (see
// import_hooks.hpp); a validation or an unchanged package announces nothing.
// `progress` hears the stages as they start: "reading the package", "detecting
// the format" (importers asked of those enabled), "running the <format>
// importer", "checking the course model", then, for an import, "extracting
// files" (files written of the package's) and "storing version N".
Result<ImportOutcome> import_package(const Home& home, store::Database& db, plugins::PluginManager& plugins,
                                     const ImportRequest& request, const ImportHooks& hooks = {},
                                     const ProgressFn& progress = {});

// Removes what a killed import left: temp folders of dead processes and course
// folders no committed version owns. Safe to run while other imports run.
Status recover_interrupted_imports(const Home& home, store::Database& db);

}  // namespace trellis::catalog
