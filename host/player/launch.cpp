#include "player/launch.hpp"

#include "player/attempts.hpp"
#include "player/course_run.hpp"
#include "player/launch_token.hpp"
#include "player/player_settings.hpp"
#include "player/registrations.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {

Result<LaunchTicket> issue_launch(store::Database& db, const std::string& registration_id,
                                  const std::optional<std::string>& module, const std::string& origin) {
  auto ttl = load_token_ttl(db);
  if (!ttl) return ttl.error();
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto reg = get_registration(db, registration_id);
  if (!reg) return reg.error();
  auto run = load_course_run(db, reg->course_id, reg->version);
  if (!run) return run.error();
  const RunModule* target = module ? run->find(*module) : run->first_launchable();
  if (target == nullptr)
    return make_error(ErrorKind::not_found, module ? "version " + std::to_string(reg->version) + " of course " +
                                                         reg->course_id + " has no module " + *module
                                                   : "course " + reg->course_id + " has no launchable module");
  if (auto href = launch_href(*target); !href) return href.error();
  auto attempt = open_or_resume_attempt(db, *reg, target->module_id);
  if (!attempt) return attempt.error();
  PlayerStore store(db);
  int64_t now = xapi::now_micros();
  TRELLIS_TRY(store.drop_expired_tokens(xapi::format_timestamp(now)));
  NewToken token = new_launch_token();
  std::string expires = xapi::format_timestamp(now + *ttl * 1000000);
  TRELLIS_TRY(store.insert_token({token.hash, reg->id, attempt->id, "launch", expires}));
  TRELLIS_TRY(tx->commit());
  return LaunchTicket{origin + "/play/" + token.token + "/", reg->id, target->module_id, attempt->id, expires};
}

nlohmann::json ticket_json(const LaunchTicket& t) {
  return {{"url", t.url},
          {"registration", t.registration},
          {"module", t.module},
          {"attempt", t.attempt},
          {"expires_at", xapi::display_timestamp(t.expires_at)}};
}

}  // namespace trellis::player
