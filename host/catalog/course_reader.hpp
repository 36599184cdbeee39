// What other domains may read of the catalog: modules by their stable id and a
// course's latest modules in tree order. Only the catalog writes courses; this
// is the read side it offers, so no other domain includes its data-access layer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::catalog {

// A module as other domains see it: its stable id, where it belongs, and how the
// latest version of its course that has it calls it.
struct ModuleRef {
  std::string id;
  std::string course_id;
  std::string course_identifier;
  std::string format;
  std::string identifier;
  std::string title;
  std::string kind;
};

// One module of a course's latest version, with its node as the importer described
// it (description, keywords, objectives...) and the course-level part of the model.
struct ModuleView {
  std::string module_id;
  std::string identifier;
  std::string title;
  std::string kind;
  const nlohmann::json* node = nullptr;   // never null; an empty object when unknown
  const nlohmann::json* course = nullptr; // the model without nodes and resources
  std::string parent_identifier;          // "" at the top of the tree
  bool launchable = false;
};

// A stored version as a reader needs it to run the course.
struct VersionInfo {
  std::string course_id;
  std::string format;
  std::string identifier;
  std::string title;
  int version = 0;
  std::string edition;  // the importer's fact "edition" ("" when it has none)
};

// nullopt: no module has that id.
Result<std::optional<ModuleRef>> find_module(store::Database& db, const std::string& module_id);
// Every module a course has had (in any version), each as its latest version calls it.
Result<std::vector<ModuleRef>> modules_of_course(store::Database& db, const std::string& course_id);
// The course a module belongs to, or nullopt for an unknown module id.
Result<std::optional<std::string>> course_of_module(store::Database& db, const std::string& module_id);
// The modules of the course's latest version, one at a time in tree order.
Status visit_latest_modules(store::Database& db, const std::string& course_id,
                            const std::function<Status(const ModuleView&)>& visit);
// The modules of one stored version, in tree order.
Status visit_version_modules(store::Database& db, const std::string& course_id, int version,
                             const std::function<Status(const ModuleView&)>& visit);
// One module of a stored version (visited once, or not at all when the version
// has no such module); the view's `course` is empty.
Status visit_version_module(store::Database& db, const std::string& course_id, int version,
                            const std::string& module_id, const std::function<Status(const ModuleView&)>& visit);
// The course's latest version, or one given version; nullopt when absent.
Result<std::optional<VersionInfo>> latest_version_info(store::Database& db, const std::string& course_id);
Result<std::optional<VersionInfo>> version_info(store::Database& db, const std::string& course_id, int version);

}  // namespace trellis::catalog
