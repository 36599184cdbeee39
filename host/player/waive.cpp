#include "player/waive.hpp"

#include "json/bounded_parse.hpp"
#include "lrs/host_statements.hpp"
#include "lrs/statement_prep.hpp"
#include "player/attempts.hpp"
#include "player/cmi5_lms_duties.hpp"
#include "player/course_run.hpp"
#include "player/player_authority.hpp"
#include "player/player_store.hpp"
#include "player/registered_run.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {

using json = nlohmann::json;

Result<json> waive_module(store::Database& db, const std::string& registration_id, const std::string& module,
                          const std::string& reason) {
  if (!cmi5_lms::is_waive_reason(reason))
    return make_error(ErrorKind::invalid_input, "the reason '" + reason +
                                                    "' is not one cmi5 defines: Tested Out, Equivalent AU, "
                                                    "Equivalent Outside Activity or Administrative");
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto loaded = load_registered_run(db, registration_id);
  if (!loaded) return loaded.error();
  const Registration* reg = &loaded->registration;
  const CourseRun* run = &loaded->run;
  if (run->version.format != "cmi5")
    return make_error(ErrorKind::invalid_input, "course " + reg->course_id + " is " + run->version.format +
                                                    "; waiving an AU is a cmi5 LMS's act");
  const RunModule* target = run->find(module);
  if (target == nullptr || !target->launchable)
    return make_error(ErrorKind::not_found, "version " + std::to_string(reg->version) + " of course " + reg->course_id +
                                                " has no AU " + module);
  PlayerStore store(db);
  auto attempt = open_or_resume_attempt(db, *reg, target->module_id);
  if (!attempt) return attempt.error();
  json status = parse_json_or_discarded(attempt->status, kStoredJson);
  if (!status.is_object()) status = json::object();
  if (status.contains("waived"))
    return make_error(ErrorKind::conflict, "AU " + target->identifier + " of registration " + reg->id +
                                               " was waived already (" + status["waived"].dump() + ")");
  status["waived"] = reason;
  std::string now = xapi::format_timestamp(xapi::now_micros());
  TRELLIS_TRY(store.set_attempt_status(attempt->id, status.dump(), now));

  json actor = cmi5_lms::launch_actor(loaded->learner);
  std::string session_id = lrs::random_uuid();
  std::vector<json> statements = {
      cmi5_lms::waived_statement(actor, reg->xapi_registration, target->module_id, target->identifier, reason, session_id)};
  auto owed = cmi5_lms::newly_satisfied(db, *reg, *run, actor, session_id);
  if (!owed) return owed.error();
  for (auto& s : *owed) statements.push_back(std::move(s));
  json ids = json::array();
  for (auto& s : statements) {
    ids.push_back(s["id"]);
    TRELLIS_TRY(lrs::record_host_statement(db, std::move(s), player_authority()));
  }
  TRELLIS_TRY(tx->commit());
  return json{{"registration", reg->id}, {"module", target->module_id}, {"reason", reason}, {"statements", ids}};
}

}  // namespace trellis::player
