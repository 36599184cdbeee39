#include "player/commit.hpp"

#include "community/community_statements.hpp"
#include "core/sha256.hpp"
#include "json/bounded_parse.hpp"
#include "lrs/host_statements.hpp"
#include "player/player_authority.hpp"
#include "player/commit_request.hpp"
#include "player/course_run.hpp"
#include "player/learners.hpp"
#include "xapi/identifiers.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {
namespace {

using json = nlohmann::json;

std::string course_activity_id(const CourseRun& run) {
  if (xapi::is_iri(run.version.identifier)) return run.version.identifier;
  return "urn:trellis:course:" + run.version.course_id;
}

Result<json> outcome_of(const RuntimeFinder& runtimes, const std::string& format, const json& request) {
  auto calls = runtimes ? runtimes(format) : std::nullopt;
  if (!calls) return make_error(ErrorKind::not_found, "no enabled plugin runs courses of format " + format);
  auto answer = calls->apply_commit(request.dump());
  if (!answer) return answer.error();
  json outcome = parse_json_or_discarded(*answer, kStoredJson);
  if (!outcome.is_object() || !outcome.contains("error_code") || !outcome["error_code"].is_number_integer())
    return make_error(ErrorKind::internal, "the " + format + " runtime answered a commit outcome without error_code");
  return outcome;
}

Status check_accepted_outcome(const json& outcome, const std::string& format) {
  bool ok = outcome.contains("state") && outcome["state"].is_object() && outcome.contains("status") &&
            outcome["status"].is_object() && (!outcome.contains("statements") || outcome["statements"].is_array());
  if (!ok)
    return make_error(ErrorKind::internal, "the " + format + " runtime accepted a commit without state and status");
  return {};
}

}  // namespace

Result<json> commit_attempt(store::DatabasePool& pool, const PlayAccess& access, const std::string& attempt_id,
                            const std::string& text, const RuntimeFinder& runtimes) {
  auto body = parse_commit_body(text);
  if (!body) return body.error();
  auto lease = pool.acquire();
  if (!lease) return lease.error();
  store::Database& db = **lease;
  const Registration& reg = access.registration;
  PlayerStore store(db);
  auto found = store.find_attempt(attempt_id);
  if (!found) return found.error();
  if (!found->has_value() || (*found)->registration_id != reg.id)
    return make_error(ErrorKind::not_found, "this launch has no attempt " + attempt_id);
  const Attempt& attempt = **found;
  const std::string digest = sha256_hex(text);
  if (body->seq == attempt.last_seq && attempt.last_commit_sha256 == digest && attempt.last_answer) {
    json stored = parse_json_or_discarded(*attempt.last_answer, kStoredJson);
    if (stored.is_object()) return stored;
  }
  if (!attempt.open) return make_error(ErrorKind::conflict, "attempt " + attempt_id + " has ended; launch again");
  if (body->seq != attempt.last_seq + 1)
    return make_error(ErrorKind::conflict, "commit seq " + std::to_string(body->seq) + " is out of order: the attempt is at " +
                                               std::to_string(attempt.last_seq));

  auto run = load_course_run_module(db, reg.course_id, reg.version, attempt.module_id);
  if (!run) return run.error();
  const RunModule* module = run->find(attempt.module_id);
  if (module == nullptr) return make_error(ErrorKind::not_found, "the attempt's module is not in the course version");
  auto learner = store.find_learner(reg.learner_id);
  if (!learner) return learner.error();
  if (!learner->has_value()) return make_error(ErrorKind::not_found, "the registration's learner is gone");
  catalog::ModuleRef ref{module->module_id, reg.course_id, run->version.identifier, run->version.format,
                         module->identifier, module->title, ""};
  StatementContext context{learner_agent(**learner), reg.xapi_registration, community::module_activity_id(ref),
                           course_activity_id(*run), xapi::format_timestamp(xapi::now_micros())};
  json request = commit_request(launch_request(*run, *module, **learner, attempt), *body,
                                attempt.last_seq == attempt.session_seq, context);
  auto outcome = outcome_of(runtimes, run->version.format, request);
  if (!outcome) return outcome.error();
  if (int code = (*outcome)["error_code"].get<int>(); code != 0)
    return json{{"result", false}, {"errorCode", code}, {"errorText", outcome->value("error_text", std::string())}};
  TRELLIS_TRY(check_accepted_outcome(*outcome, run->version.format));

  const json& status = (*outcome)["status"];
  json answer = {{"result", true}, {"errorCode", 0}, {"navigation", outcome->value("navigation", std::string())}};
  bool suspended = status.value("suspended", false);
  AttemptUpdate update{(*outcome)["state"].dump(), status.dump(), body->seq, digest, answer.dump(),
                       !(body->terminate && !suspended), xapi::format_timestamp(xapi::now_micros())};
  // The update is conditional on the seq read above: a commit of the same
  // attempt that came first in between makes it a conflict, not a lost write.
  auto writer = pool.acquire_writer();
  if (!writer) return writer.error();
  auto tx = store::Transaction::begin(**writer);
  if (!tx) return tx.error();
  PlayerStore written(**writer);
  auto applied = written.update_attempt(attempt.id, attempt.last_seq, update);
  if (!applied) return applied.error();
  if (!*applied) return make_error(ErrorKind::conflict, "another commit of this attempt came first; send the next seq");
  if (outcome->contains("statements"))
    for (const auto& statement : (*outcome)["statements"])
      TRELLIS_TRY(lrs::record_host_statement(**writer, statement, player_authority()));
  TRELLIS_TRY(tx->commit());
  return answer;
}

}  // namespace trellis::player
