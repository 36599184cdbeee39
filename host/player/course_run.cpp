#include "player/course_run.hpp"

#include <map>

#include "json/bounded_parse.hpp"

namespace trellis::player {

const RunModule* CourseRun::find(const std::string& key) const {
  for (const auto& m : modules)
    if (m.module_id == key || m.identifier == key) return &m;
  return nullptr;
}

const RunModule* CourseRun::first_launchable() const {
  for (const auto& m : modules)
    if (m.launchable) return &m;
  return nullptr;
}

Result<CourseRun> load_course_run(store::Database& db, const std::string& course_id, int version) {
  auto info = catalog::version_info(db, course_id, version);
  if (!info) return info.error();
  if (!info->has_value())
    return make_error(ErrorKind::not_found, "course " + course_id + " has no version " + std::to_string(version));
  CourseRun run{std::move(**info), {}};
  std::map<std::string, int> depth_of;
  TRELLIS_TRY(catalog::visit_version_modules(db, course_id, version, [&](const catalog::ModuleView& v) -> Status {
    auto parent = depth_of.find(v.parent_identifier);
    int depth = parent == depth_of.end() ? 0 : parent->second + 1;
    depth_of[v.identifier] = depth;
    run.modules.push_back({v.module_id, v.identifier, v.title, v.launchable, depth, *v.node});
    return {};
  }));
  return run;
}

bool is_external(const RunModule& m) {
  const auto& launch = m.node.contains("launch") ? m.node["launch"] : nlohmann::json();
  return launch.is_object() && launch.value("external", false);
}

Result<CourseRun> load_course_run_module(store::Database& db, const std::string& course_id, int version,
                                         const std::string& module_id) {
  auto info = catalog::version_info(db, course_id, version);
  if (!info) return info.error();
  if (!info->has_value())
    return make_error(ErrorKind::not_found, "course " + course_id + " has no version " + std::to_string(version));
  CourseRun run{std::move(**info), {}};
  TRELLIS_TRY(catalog::visit_version_module(db, course_id, version, module_id, [&](const catalog::ModuleView& v) -> Status {
    run.modules.push_back({v.module_id, v.identifier, v.title, v.launchable, 0, *v.node});
    return {};
  }));
  return run;
}

Result<std::string> launch_href(const RunModule& m, bool allow_external) {
  if (!m.launchable) return make_error(ErrorKind::invalid_input, "module " + m.identifier + " is not launchable");
  const auto& launch = m.node.contains("launch") ? m.node["launch"] : nlohmann::json();
  if (!launch.is_object() || !launch.contains("href") || !launch["href"].is_string())
    return make_error(ErrorKind::invalid_input, "module " + m.identifier + " has no launch file");
  if (launch.value("external", false) && !allow_external)
    return make_error(ErrorKind::invalid_input,
                      "module " + m.identifier + " is hosted elsewhere; the player serves only imported files");
  return launch["href"].get<std::string>();
}

nlohmann::json launch_request(const CourseRun& run, const RunModule& module, const Learner& learner,
                              const Attempt& attempt, const std::string& mode) {
  nlohmann::json state;
  if (attempt.state) {
    state = parse_json_or_discarded(*attempt.state, kStoredJson);
    if (!state.is_object()) state = nullptr;
  }
  return {{"schema", "trellis.launch-request/1"},
          {"course",
           {{"format", run.version.format},
            {"edition", run.version.edition.empty() ? nlohmann::json() : nlohmann::json(run.version.edition)},
            {"identifier", run.version.identifier},
            {"title", run.version.title}}},
          {"module", module.node},
          {"learner", {{"id", learner.id}, {"name", learner.name}}},
          {"attempt", {{"number", attempt.number}, {"mode", mode}, {"credit", mode == "normal" ? "credit" : "no-credit"}, {"state", state}}}};
}

}  // namespace trellis::player
