#include "player/registered_run.hpp"

#include "player/registrations.hpp"

namespace trellis::player {

Result<RegisteredRun> load_registered_run(store::Database& db, const std::string& registration_id) {
  auto reg = get_registration(db, registration_id);
  if (!reg) return reg.error();
  auto run = load_course_run(db, reg->course_id, reg->version);
  if (!run) return run.error();
  auto learner = PlayerStore(db).find_learner(reg->learner_id);
  if (!learner) return learner.error();
  if (!*learner) return make_error(ErrorKind::not_found, "the registration's learner " + reg->learner_id + " is gone");
  return RegisteredRun{std::move(*reg), std::move(*run), std::move(**learner)};
}

}  // namespace trellis::player
