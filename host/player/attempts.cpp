#include "player/attempts.hpp"

#include "core/ids.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {

Result<Attempt> open_or_resume_attempt(store::Database& db, const Registration& registration,
                                       const std::string& module_id) {
  PlayerStore store(db);
  std::string now = xapi::format_timestamp(xapi::now_micros());
  auto open = store.open_attempt(registration.id, module_id);
  if (!open) return open.error();
  if (open->has_value()) {
    TRELLIS_TRY(store.start_session((*open)->id, now));
    (*open)->session_seq = (*open)->last_seq;
    return std::move(**open);
  }
  auto count = store.attempt_count(registration.id, module_id);
  if (!count) return count.error();
  Attempt a;
  a.id = new_id("att_");
  a.registration_id = registration.id;
  a.module_id = module_id;
  a.number = *count + 1;
  a.created_at = a.updated_at = now;
  TRELLIS_TRY(store.insert_attempt(a));
  return a;
}

}  // namespace trellis::player
