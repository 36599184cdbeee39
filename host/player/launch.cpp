#include "player/launch.hpp"

#include "core/ascii_case.hpp"
#include "json/bounded_parse.hpp"
#include "lrs/statement_prep.hpp"
#include "player/attempts.hpp"
#include "player/course_run.hpp"
#include "player/launch_token.hpp"
#include "player/player_settings.hpp"
#include "player/registered_run.hpp"
#include "player/xapi_launch.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {

Result<LaunchTicket> issue_launch(store::Database& db, const std::string& registration_id,
                                  const std::optional<std::string>& module, const std::string& mode_text,
                                  const LaunchOrigins& origins, const RuntimeFinder& runtimes) {
  std::string mode = ascii_lower(mode_text);
  if (mode != "normal" && mode != "browse" && mode != "review")
    return make_error(ErrorKind::invalid_input,
                      "launch mode '" + mode_text + "' is none of Normal, Browse and Review");
  auto ttl = load_token_ttl(db);
  if (!ttl) return ttl.error();
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto loaded = load_registered_run(db, registration_id);
  if (!loaded) return loaded.error();
  const Registration* reg = &loaded->registration;
  const CourseRun* run = &loaded->run;
  const Learner* learner = &loaded->learner;
  const RunModule* target = module ? run->find(*module) : run->first_launchable();
  if (target == nullptr)
    return make_error(ErrorKind::not_found, module ? "version " + std::to_string(reg->version) + " of course " +
                                                         reg->course_id + " has no module " + *module
                                                   : "course " + reg->course_id + " has no launchable module");
  if (!target->launchable) return make_error(ErrorKind::invalid_input, "module " + target->identifier + " is not launchable");
  PlayerStore store(db);
  auto calls = runtimes ? runtimes(run->version.format) : std::nullopt;
  if (!calls)
    return make_error(ErrorKind::not_found, "no enabled plugin runs courses of format " + run->version.format +
                                                "; see `trellis plugin list`");
  auto attempt = open_or_resume_attempt(db, *reg, target->module_id);
  if (!attempt) return attempt.error();
  int64_t now = xapi::now_micros();
  TRELLIS_TRY(store.drop_expired_tokens(xapi::format_timestamp(now)));
  NewToken token = new_launch_token();
  std::string expires = xapi::format_timestamp(now + *ttl * 1000000);
  TRELLIS_TRY(store.insert_token({token.hash, reg->id, attempt->id, "launch", expires}));

  std::string session_id = lrs::random_uuid();
  nlohmann::json request = launch_request(*run, *target, *learner, *attempt, mode);
  request["launch_context"] = xapi_launch_context(*reg, *target, *learner, session_id);
  auto planned = calls->prepare_launch(request.dump());
  if (!planned) return planned.error();
  nlohmann::json plan = parse_json_or_discarded(*planned, kStoredJson);
  if (!plan.is_object() || !plan.contains("api") || !plan["api"].is_string())
    return make_error(ErrorKind::internal, "the " + run->version.format + " runtime answered a launch plan without api");
  LaunchTicket ticket{origins.content + "/play/" + token.token + "/", reg->id, target->module_id, attempt->id, expires, ""};
  if (plan["api"] != "xapi-launch") {
    // The launch page serves the package's own files and keeps the attempt in
    // normal mode; a designer's browse/review preview is the console's (issue 17).
    if (auto href = launch_href(*target); !href) return href.error();
    if (mode != "normal")
      return make_error(ErrorKind::invalid_input, run->version.format + " content launches in Normal mode here; " +
                                                      "Browse and Review are for content that reports to the LRS itself");
  } else {
    auto api = origins.api ? origins.api() : Result<std::string>(make_error(ErrorKind::environment, "no API origin"));
    if (!api) return api.error();
    auto url = start_xapi_session(db, *reg, *run, *target, *learner, *attempt, plan, session_id,
                                  XapiLaunchPlace{origins.content, *api, token.token, expires});
    if (!url) return url.error();
    ticket.url = *url;
    ticket.session = session_id;
  }
  TRELLIS_TRY(tx->commit());
  return ticket;
}

nlohmann::json ticket_json(const LaunchTicket& t) {
  return {{"url", t.url},
          {"registration", t.registration},
          {"module", t.module},
          {"attempt", t.attempt},
          {"expires_at", xapi::display_timestamp(t.expires_at)},
          {"session", t.session.empty() ? nlohmann::json() : nlohmann::json(t.session)}};
}

}  // namespace trellis::player
