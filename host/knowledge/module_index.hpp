// Course modules in the knowledge index: what a learner or a connector can match
// a module by (title, description, keywords, objectives), read from the stored
// course model of the course's latest version.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "knowledge/index_store.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

struct ModuleText {
  std::string module_id;  // modules.id, stable across versions
  std::string course_id;
  std::string identifier;  // the node's identifier in the package
  std::string course_title;
  std::string title;
  std::string description;
  std::string keywords;    // comma-separated
  std::string objectives;  // one per line
};

// The modules of a course's latest version, one at a time in tree order.
Status visit_module_texts(store::Database& db, const std::string& course_id,
                          const std::function<Status(ModuleText&&)>& visit);

// The index entry of a module: kind "module", source "catalog", ref = module id.
IndexEntry module_entry(const ModuleText& module);

// Replaces the index entries of a course's modules with those of its latest
// version (removed modules leave the index). Call inside the caller's transaction.
Status index_course_modules(store::Database& db, const std::string& course_id);

// Indexes courses imported before knowledge search existed; a no-op once done.
// Returns how many courses it indexed.
Result<int> backfill_module_index(store::Database& db);

// One module's text, or nullopt when no module has that id.
Result<std::optional<ModuleText>> find_module(store::Database& db, const std::string& module_id);

}  // namespace trellis::knowledge
