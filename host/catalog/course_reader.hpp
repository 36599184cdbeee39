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

}  // namespace trellis::catalog
