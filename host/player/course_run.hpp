// One registration's course version as the player runs it: the tree of modules
// (with each node as the importer described it) and the launch request the
// runtime plugins take (trellis.launch-request/1, sdk/include/trellis/runtime.h).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/course_reader.hpp"
#include "core/result.hpp"
#include "player/player_store.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct RunModule {
  std::string module_id;
  std::string identifier;
  std::string title;
  bool launchable = false;
  int depth = 0;
  nlohmann::json node;
};

struct CourseRun {
  catalog::VersionInfo version;
  std::vector<RunModule> modules;  // tree order

  // By module id or identifier; nullptr when the version has no such module.
  const RunModule* find(const std::string& id_or_identifier) const;
  const RunModule* first_launchable() const;
};

Result<CourseRun> load_course_run(store::Database& db, const std::string& course_id, int version);
// The version with only `module_id` in `modules` (at depth 0): what a commit
// needs, without reading the whole tree.
Result<CourseRun> load_course_run_module(store::Database& db, const std::string& course_id, int version,
                                         const std::string& module_id);

// The module's launch href ("quiz/index.html?x=1"), or an error for a module the
// host cannot serve (not launchable; external, unless `allow_external`: content
// that talks to the LRS itself may live elsewhere, a cmi5 AU at its own URL).
Result<std::string> launch_href(const RunModule& module, bool allow_external = false);
bool is_external(const RunModule& module);

// How the content is presented: "normal", "browse" (no credit) or "review".
nlohmann::json launch_request(const CourseRun& run, const RunModule& module, const Learner& learner,
                              const Attempt& attempt, const std::string& mode = "normal");

}  // namespace trellis::player
