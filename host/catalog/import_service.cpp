#include "catalog/import_service.hpp"

#include <unistd.h>

#include "catalog/catalog_store.hpp"
#include "catalog/model_staging.hpp"
#include "catalog/content_files.hpp"
#include "catalog/extract.hpp"
#include "catalog/import_report.hpp"
#include "catalog/importer_run.hpp"
#include "catalog/test_hooks.hpp"
#include "core/sha256.hpp"
#include "package/limits.hpp"
#include "store/cache_limit.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;

namespace trellis::catalog {
namespace {

constexpr int kImportCacheKiB = 512;

// Removes the temp folder on every path out unless released.
class TempFolder {
 public:
  explicit TempFolder(fs::path p) : path_(std::move(p)) {}
  ~TempFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

nlohmann::json changes_json(const ModuleChanges& c) {
  return {{"added", c.added}, {"removed", c.removed}, {"changed", c.changed}};
}

ImportOutcome rejected(nlohmann::json report, const std::vector<StoredDiagnostic>& diagnostics) {
  report["accepted"] = false;
  report["diagnostics"] = diagnostics_json(diagnostics);
  return ImportOutcome{false, std::move(report), nlohmann::json::array(), false};
}

ImportOutcome accepted(nlohmann::json report, const ModelSummary& summary) {
  nlohmann::json line = summary_line(summary.summary, report);
  return ImportOutcome{true, std::move(report), std::move(line), false};
}

StoredDiagnostic matches_earlier(int earlier, int latest) {
  return {"error", "import.matches-earlier-version",
          "the package has the same content as version " + std::to_string(earlier) +
              " of this course, and version " + std::to_string(latest) +
              " is the latest: importing it would store it as version " + std::to_string(latest + 1) +
              " and undo the changes made since version " + std::to_string(earlier) +
              "; nothing was stored (import it as a new version to do that on purpose)",
          "", 0};
}

Status store_version(const Home& home, store::Database& db, const ImportRequest& request, ModelStaging& model,
                     const ModelSummary& summary, const std::vector<StoredDiagnostic>& diagnostics,
                     const std::string& sha256, TempFolder& staged, const ImportHooks& hooks,
                     nlohmann::json& report, const ProgressFn& progress) {
  CatalogStore store(db);
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto existing = store.find_course(summary.format, summary.identifier);
  if (!existing) return existing.error();
  std::string course_id;
  int version = 1;
  if (existing->has_value()) {
    course_id = **existing;
    auto latest = store.latest_version(course_id);
    if (!latest) return latest.error();
    if (latest->has_value()) version = (*latest)->version + 1;
  } else {
    course_id = new_id("crs_");
    TRELLIS_TRY(store.insert_course(course_id, summary.format, summary.identifier));
  }
  report_progress(progress, "storing version " + std::to_string(version));
  NewVersion row{course_id, version, &model, &summary, request.package_name, sha256, &diagnostics};
  TRELLIS_TRY(store.insert_version(row));
  // The staged folder holds exactly the package's entries, written by
  // extract_package (O_EXCL|O_NOFOLLOW, no links): they become the file index.
  TRELLIS_TRY(index_version_folder(db, course_id, version, staged.path()));
  if (version > 1) {
    auto changes = store.module_changes(course_id, version - 1, version);
    if (!changes) return changes.error();
    report["previous_version"] = version - 1;
    report["modules"] = changes_json(*changes);
  }
  if (hooks.version_stored) TRELLIS_TRY(hooks.version_stored(db, StoredVersion{course_id, version}));
  TRELLIS_TRY(store::audit(db, request.actor, "course.import", course_id,
                           "version " + std::to_string(version) + " from " + request.package_name));

  fs::path final_dir = home.courses() / course_id / std::to_string(version);
  std::error_code ec;
  fs::create_directories(final_dir.parent_path(), ec);
  fs::rename(staged.path(), final_dir, ec);
  if (ec) return make_error(ErrorKind::environment, "cannot move the course files into " + final_dir.string() + ": " + ec.message());
  staged.release();
  test_hook("renamed");
  if (auto st = tx->commit(); !st) {
    fs::remove_all(final_dir, ec);
    return st.error();
  }
  test_hook("committed");
  report["course_id"] = course_id;
  report["version"] = version;
  report["folder"] = final_dir.string();
  return {};
}

}  // namespace

Result<ImportOutcome> import_package(const Home& home, store::Database& db, plugins::PluginManager& plugins,
                                     const ImportRequest& request, const ImportHooks& hooks,
                                     const ProgressFn& progress) {
  // However large the course, the import's page cache stays small: its writes
  // spill to the WAL and its reads of the new version's rows pass through,
  // instead of the connection keeping every page the import touched.
  store::CacheLimit cache(db, kImportCacheKiB);
  auto limits = package::load_limits(db);
  if (!limits) return limits.error();
  auto schema_dir = store::get_setting(db, "import.schema_dir");
  if (!schema_dir) return schema_dir.error();

  std::string name = request.package_name.empty() ? request.package.filename().string() : request.package_name;
  nlohmann::json report = {{"package", name}, {"course_id", nullptr}, {"version", nullptr}, {"format", nullptr},
                           {"title", nullptr}, {"stored", false}};
  std::vector<StoredDiagnostic> diagnostics;

  report_progress(progress, "reading the package");
  // A bare file keeps the name it was sent under (an upload sits on disk under the server's).
  auto opened = package::open_package(request.package, limits.value(), name);
  if (!opened) {
    if (opened.error().kind != ErrorKind::invalid_input) return opened.error();
    diagnostics.push_back({"error", "package.refused", opened.error().message, "", 0});
    return rejected(std::move(report), diagnostics);
  }
  const package::Package& pkg = *opened.value();
  for (const auto& n : pkg.notices()) diagnostics.push_back({"warning", n.code, n.message, "", 0});

  // The model is staged next to the import's temp folders (same owner rules) and
  // goes with this function, whatever way it leaves.
  std::error_code ec;
  fs::create_directories(home.tmp(), ec);
  auto staging = ModelStaging::create(home.tmp() / ("import-" + std::to_string(::getpid()) + "-" + new_id("") + ".model"));
  if (!staging) return staging.error();
  ModelStaging& model = **staging;
  ImporterRun run = run_importer(plugins.importers(), pkg, limits->max_importer_read_bytes,
                                 schema_dir->value_or(""), request.validate_only, model, progress);
  diagnostics.insert(diagnostics.end(), run.diagnostics.begin(), run.diagnostics.end());
  if (!run.format.empty()) {
    report["format"] = run.format;
    report["detected"] = run.description;
  }

  std::optional<ModelSummary> summary;
  if (run.model_error) {
    if (run.model_error->kind != ErrorKind::invalid_input) return *run.model_error;
    diagnostics.push_back({"error", "import.model-invalid", run.model_error->message + " (plugin " + run.plugin_id + ")", "", 0});
  } else if (model.started()) {
    report_progress(progress, "checking the course model");
    auto finished = model.finish();
    if (!finished) {
      if (finished.error().kind != ErrorKind::invalid_input) return finished.error();
      diagnostics.push_back({"error", "import.model-invalid", finished.error().message + " (plugin " + run.plugin_id + ")", "", 0});
    } else if (finished->format != run.format) {
      diagnostics.push_back({"error", "import.model-invalid",
                             "the " + run.format + " importer produced a course of format '" + finished->format + "'",
                             "", 0});
    } else {
      summary = std::move(finished).value();
    }
  } else if (!run.format.empty() && !has_errors(diagnostics)) {
    diagnostics.push_back({"error", "import.no-course", "the " + run.format + " importer reported no course", "", 0});
  }
  if (summary) {
    report["title"] = summary->title;
    report["identifier"] = summary->identifier;
    put_counts(report, summary->counts);
    put_facts(report, summary->facts);
  }
  if (has_errors(diagnostics) || !summary) return rejected(std::move(report), diagnostics);

  report["accepted"] = true;
  report["diagnostics"] = diagnostics_json(diagnostics);
  if (request.validate_only) return accepted(std::move(report), *summary);

  TRELLIS_TRY(recover_interrupted_imports(home, db));
  TempFolder staged(home.tmp() / ("import-" + std::to_string(::getpid()) + "-" + new_id("")));
  fs::create_directory(staged.path(), ec);
  if (ec) return make_error(ErrorKind::environment, "cannot create " + staged.path().string() + ": " + ec.message());
  auto sha = extract_package(pkg, staged.path(), limits.value(), progress);
  // The archive's index (a few hundred bytes a file) is not needed to store the
  // version: let it go before the catalog transaction's own memory comes in.
  opened.value().reset();
  if (!sha) {
    if (sha.error().kind != ErrorKind::invalid_input) return sha.error();
    diagnostics.push_back({"error", "package.refused", sha.error().message, "", 0});
    return rejected(std::move(report), diagnostics);
  }
  test_hook("extracted");
  // The model is part of the identity: a newer importer may read the same files differently.
  std::string content_sha = sha256_hex(sha.value() + "\n" + summary->digest);
  report["sha256"] = content_sha;

  // Same content as the latest version: nothing to store (keeps `make run` idempotent).
  CatalogStore store(db);
  auto existing = store.find_course(summary->format, summary->identifier);
  if (!existing) return existing.error();
  if (existing->has_value()) {
    auto latest = store.latest_version(**existing);
    if (!latest) return latest.error();
    if (latest->has_value() && (*latest)->content_sha256 == content_sha) {
      report["course_id"] = **existing;
      report["version"] = (*latest)->version;
      report["unchanged"] = true;
      return accepted(std::move(report), *summary);
    }
    // An older package again would silently become the latest and drop what
    // came since: only on purpose.
    auto earlier = store.version_with_content(**existing, content_sha);
    if (!earlier) return earlier.error();
    if (earlier->has_value() && latest->has_value()) {
      report["matches_version"] = **earlier;
      if (!request.as_new_version) {
        report["course_id"] = **existing;
        diagnostics.push_back(matches_earlier(**earlier, (*latest)->version));
        ImportOutcome out = rejected(std::move(report), diagnostics);
        out.matches_earlier_version = true;
        return out;
      }
    }
  }
  ImportRequest storing = request;
  storing.package_name = name;
  TRELLIS_TRY(store_version(home, db, storing, model, *summary, diagnostics, content_sha, staged, hooks, report,
                            progress));
  report["stored"] = true;
  report["unchanged"] = false;
  if (hooks.import_committed)
    hooks.import_committed(StoredVersion{report["course_id"].get<std::string>(), report["version"].get<int>()}, report);
  return accepted(std::move(report), *summary);
}

}  // namespace trellis::catalog
