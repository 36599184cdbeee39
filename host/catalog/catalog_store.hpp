// The catalog's data-access layer: the only code that writes SQL for courses,
// versions and modules.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catalog/course_model.hpp"
#include "catalog/course_reader.hpp"
#include "catalog/model_staging.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::catalog {

struct StoredDiagnostic {
  std::string severity;  // "info" | "warning" | "error"
  std::string code;
  std::string message;
  std::string file;
  uint32_t line = 0;
};

struct VersionSummary {
  std::string course_id;
  std::string format;
  std::string identifier;
  int version = 0;
  std::string title;
  std::string package_name;
  std::string content_sha256;
  Counts counts;
  nlohmann::json facts;  // the importer's, shown beside the host's members
  std::string imported_at;
};

struct StoredModule {
  std::string module_id;
  std::string fingerprint;
};

struct NewVersion {
  std::string course_id;
  int version = 0;
  ModelStaging* model = nullptr;  // finished
  const ModelSummary* summary = nullptr;
  std::string package_name;
  std::string content_sha256;
  const std::vector<StoredDiagnostic>* diagnostics = nullptr;
};

// What changed between two versions of a course, by module identifier, in tree order.
struct ModuleChanges {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  std::vector<std::string> changed;
};

class CatalogStore {
 public:
  explicit CatalogStore(store::Database& db) : db_(db) {}

  Result<std::optional<std::string>> find_course(const std::string& format, const std::string& identifier);
  Status insert_course(const std::string& id, const std::string& format, const std::string& identifier);
  // The latest version of a course, or nullopt.
  Result<std::optional<VersionSummary>> latest_version(const std::string& course_id);
  // The newest version of the course stored from exactly this content, or nullopt.
  Result<std::optional<int>> version_with_content(const std::string& course_id, const std::string& content_sha256);
  // identifier -> (module id, fingerprint) of one version.
  Result<std::map<std::string, StoredModule>> version_modules(const std::string& course_id, int version);
  // Stores the version, its model a node per row, its modules (ids reused by
  // identifier, new ones minted) and its diagnostics. Call inside a transaction.
  Status insert_version(const NewVersion& v);
  Result<ModuleChanges> module_changes(const std::string& course_id, int before, int after);
  // Each module of the course's latest version in tree order, one at a time.
  Status visit_latest_modules(const std::string& course_id, const std::function<Status(const ModuleView&)>& visit);
  Status visit_version_modules(const std::string& course_id, int version,
                               const std::function<Status(const ModuleView&)>& visit);
  // One module of a stored version, visited once when the version has it;
  // its view's `course` is an empty object (the model is not read for one node).
  Status visit_version_module(const std::string& course_id, int version, const std::string& module_id,
                              const std::function<Status(const ModuleView&)>& visit);
  Result<std::optional<VersionSummary>> version_summary(const std::string& course_id, int version);

  Result<std::vector<VersionSummary>> list_courses();
  Result<std::optional<ModuleRef>> find_module(const std::string& module_id);
  // The ids of every module a course has had, in any version.
  Result<std::vector<std::string>> module_ids_of_course(const std::string& course_id);
  Result<std::optional<nlohmann::json>> course_detail(const std::string& course_id);
  // The course a module belongs to, or nullopt for an unknown module id.
  Result<std::optional<std::string>> course_of_module(const std::string& module_id);
  Result<std::vector<StoredDiagnostic>> diagnostics(const std::string& course_id, int version);
  // Every stored (course id, version): which folders under courses/ are legitimate.
  Result<std::set<std::pair<std::string, int>>> all_versions();
  // Deletes a course's rows: every version with its nodes, resources, modules and
  // diagnostics, its modules and the course. Call inside a transaction, after
  // whatever refers to its modules is gone. Returns {versions, modules} removed.
  Result<std::pair<int64_t, int64_t>> delete_course(const std::string& course_id);

 private:
  Result<std::string> module_id_for(const std::string& course_id, const std::string& identifier);
  Status attach_tree(const std::string& course_id, int version, nlohmann::json& document);
  store::Database& db_;
};

}  // namespace trellis::catalog
