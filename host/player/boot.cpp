#include "player/boot.hpp"

#include "json/bounded_parse.hpp"
#include "player/attempts.hpp"
#include "player/course_run.hpp"
#include "player/learners.hpp"

namespace trellis::player {
namespace {

using json = nlohmann::json;

Result<json> launch_plan(const RuntimeFinder& runtimes, const std::string& format, const json& request) {
  auto calls = runtimes ? runtimes(format) : std::nullopt;
  if (!calls) return make_error(ErrorKind::not_found, "no enabled plugin runs courses of format " + format);
  auto answer = calls->prepare_launch(request.dump());
  if (!answer) return answer.error();
  json plan = parse_json_or_discarded(*answer, kStoredJson);
  if (!plan.is_object() || !plan.contains("api") || !plan["api"].is_string() || !plan.contains("elements") ||
      !plan["elements"].is_object())
    return make_error(ErrorKind::internal, "the " + format + " runtime answered a launch plan without api and elements");
  return plan;
}

json tree_json(const CourseRun& run, const std::string& prefix) {
  json tree = json::array();
  for (const auto& m : run.modules) {
    json entry = {{"identifier", m.identifier}, {"title", m.title}, {"module_id", m.module_id},
                  {"launchable", m.launchable}, {"depth", m.depth}};
    if (m.launchable) entry["start_url"] = prefix + "modules/" + m.module_id + "/start";
    tree.push_back(std::move(entry));
  }
  return tree;
}

}  // namespace

Result<json> boot_document(store::Database& db, const PlayAccess& access, const std::optional<std::string>& module,
                           const RuntimeFinder& runtimes) {
  const Registration& reg = access.registration;
  auto run = load_course_run(db, reg.course_id, reg.version);
  if (!run) return run.error();
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  PlayerStore store(db);
  std::string key;
  if (module) {
    key = *module;
  } else if (access.stored.attempt_id) {
    auto current = store.find_attempt(*access.stored.attempt_id);
    if (!current) return current.error();
    if (current->has_value()) key = (*current)->module_id;
  }
  const RunModule* target = key.empty() ? run->first_launchable() : run->find(key);
  if (target == nullptr) return make_error(ErrorKind::not_found, "this course has no module " + key);
  auto href = launch_href(*target);
  if (!href) return href.error();
  auto learner = store.find_learner(reg.learner_id);
  if (!learner) return learner.error();
  if (!learner->has_value()) return make_error(ErrorKind::not_found, "the registration's learner is gone");
  auto attempt = open_or_resume_attempt(db, reg, target->module_id);
  if (!attempt) return attempt.error();
  auto plan = launch_plan(runtimes, run->version.format, launch_request(*run, *target, **learner, *attempt));
  if (!plan) return plan.error();
  TRELLIS_TRY(store.set_token_attempt(access.stored.hash, attempt->id));
  TRELLIS_TRY(tx->commit());
  const std::string prefix = "/play/" + access.token + "/";
  return json{{"token", access.token},
              {"api", (*plan)["api"]},
              {"elements", (*plan)["elements"]},
              {"seq", attempt->last_seq},
              {"content_url", prefix + "content/" + *href},
              {"commit_url", prefix + "attempts/" + attempt->id + "/commit"},
              {"tree", tree_json(*run, prefix)},
              {"current", target->identifier},
              {"start_url", prefix + "modules/" + target->module_id + "/start"}};
}

}  // namespace trellis::player
