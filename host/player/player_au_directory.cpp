#include "player/player_au_directory.hpp"

#include "json/bounded_parse.hpp"
#include "lrs/host_statements.hpp"
#include "player/au_session_facts.hpp"
#include "player/au_session_store.hpp"
#include "player/cmi5_lms_duties.hpp"
#include "player/course_run.hpp"
#include "player/player_authority.hpp"
#include "player/player_store.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {
namespace {

using json = nlohmann::json;

// The attempt's status in the runtimes' terms, from what the LRS learnt: a
// failure stays until a pass (cmi5 allows a later session to pass).
json attempt_status(const json& before, const lrs::cmi5::AuSession& s) {
  json status = before.is_object() ? before : json::object();
  const auto& reg = s.in_registration;
  std::string completion = reg.completed                                  ? "completed"
                           : (s.session.initialized || status.value("completion", "") == "incomplete") ? "incomplete"
                                                                          : "not attempted";
  std::string success = reg.passed ? "passed"
                        : (s.session.failed || status.value("success", "") == "failed") ? "failed"
                                                                                       : "unknown";
  status["completion"] = completion;
  status["success"] = success;
  return status;
}

}  // namespace

Result<std::optional<lrs::AuCredential>> PlayerAuDirectory::find(store::Database& db, const std::string& key) {
  auto row = AuSessionStore(db).find_by_key(key);
  if (!row) return row.error();
  if (!*row || !(*row)->secret_sha256) return std::optional<lrs::AuCredential>{};
  if ((*row)->expires_at < xapi::format_timestamp(xapi::now_micros())) return std::optional<lrs::AuCredential>{};
  auto reg = PlayerStore(db).find_registration((*row)->registration_id);
  if (!reg) return reg.error();
  if (!*reg || (*reg)->finished) return std::optional<lrs::AuCredential>{};
  auto facts = parse_facts((*row)->facts);
  if (!facts) return facts.error();
  return std::optional<lrs::AuCredential>{lrs::AuCredential{key, *(*row)->secret_sha256,
                                                            "AU session " + (*row)->session_id,
                                                            (*row)->rules == "cmi5", std::move(*facts)}};
}

Status PlayerAuDirectory::record_progress(store::Database& db, const std::string& key,
                                          const lrs::cmi5::AuSession& after) {
  AuSessionStore sessions(db);
  auto row = sessions.find_by_key(key);
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "the AU session of credential " + key + " is gone");
  TRELLIS_TRY(sessions.update_facts(key, facts_json(after),
                                    after.session.terminated ? std::optional<std::string>("terminated") : std::nullopt));
  PlayerStore store(db);
  auto attempt = store.find_attempt((*row)->attempt_id);
  if (!attempt) return attempt.error();
  if (!*attempt) return make_error(ErrorKind::not_found, "the attempt of AU session " + (*row)->session_id + " is gone");
  json before = parse_json_or_discarded((*attempt)->status, kStoredJson);
  std::string now = xapi::format_timestamp(xapi::now_micros());
  TRELLIS_TRY(store.set_attempt_status((*attempt)->id, attempt_status(before, after).dump(), now));

  if ((*row)->rules != "cmi5") return {};  // satisfied is cmi5's alone
  auto reg = store.find_registration((*row)->registration_id);
  if (!reg) return reg.error();
  if (!*reg) return make_error(ErrorKind::not_found, "the registration of AU session " + (*row)->session_id + " is gone");
  auto run = load_course_run(db, (*reg)->course_id, (*reg)->version);
  if (!run) return run.error();
  auto owed = cmi5_lms::newly_satisfied(db, **reg, *run, after.actor, after.session_id);
  if (!owed) return owed.error();
  for (auto& statement : *owed) TRELLIS_TRY(lrs::record_host_statement(db, std::move(statement), player_authority()));
  return {};
}

}  // namespace trellis::player
