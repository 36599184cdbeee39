#include "player/registrations.hpp"

#include "catalog/course_reader.hpp"
#include "core/ids.hpp"
#include "lrs/statement_prep.hpp"
#include "store/store.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {

Result<RegistrationCreated> create_registration(store::Database& db, const std::string& course_id,
                                                const std::string& learner_id) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  PlayerStore store(db);
  auto learner = store.find_learner(learner_id);
  if (!learner) return learner.error();
  if (!learner->has_value())
    return make_error(ErrorKind::not_found, "no learner with id " + learner_id + " (trellis learner add)");
  auto version = catalog::latest_version_info(db, course_id);
  if (!version) return version.error();
  if (!version->has_value()) return make_error(ErrorKind::not_found, "no course with id " + course_id);
  auto existing = store.registration_in_progress(learner_id, course_id);
  if (!existing) return existing.error();
  if (existing->has_value()) return RegistrationCreated{std::move(**existing), false};
  Registration r{new_id("reg_"), lrs::random_uuid(), learner_id, course_id, (*version)->version,
                 xapi::format_timestamp(xapi::now_micros()), false};
  TRELLIS_TRY(store.insert_registration(r));
  TRELLIS_TRY(store::audit(db, "player", "registration.create", r.id,
                           learner_id + " on " + course_id + " version " + std::to_string(r.version)));
  TRELLIS_TRY(tx->commit());
  return RegistrationCreated{std::move(r), true};
}

Result<Registration> get_registration(store::Database& db, const std::string& id) {
  auto found = PlayerStore(db).find_registration(id);
  if (!found) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::not_found, "no registration with id " + id);
  return std::move(**found);
}

Result<std::vector<Registration>> list_registrations(store::Database& db) {
  return PlayerStore(db).list_registrations();
}

nlohmann::json registration_json(const Registration& r) {
  return {{"id", r.id},
          {"xapi_registration", r.xapi_registration},
          {"learner", r.learner_id},
          {"course_id", r.course_id},
          {"version", r.version},
          {"created_at", xapi::display_timestamp(r.created_at)}};
}

}  // namespace trellis::player
