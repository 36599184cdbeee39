#include "player/play_access.hpp"

#include "player/launch_token.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {

PlayCheck check_play_token(store::Database& db, const std::string& token) {
  PlayCheck out;
  const PlayRefusal unknown{401, "the launch token is not valid; launch the course again"};
  if (!looks_like_token(token)) {
    out.refusal = unknown;
    return out;
  }
  PlayerStore store(db);
  auto stored = store.find_token(token_hash(token));
  if (!stored) {
    out.error = stored.error();
    return out;
  }
  if (!stored->has_value()) {
    out.refusal = unknown;
    return out;
  }
  // Stored timestamps share one fixed-width UTC form, so text order is time order.
  if ((*stored)->expires_at <= xapi::format_timestamp(xapi::now_micros())) {
    out.refusal = PlayRefusal{403, "the launch token has expired; launch the course again"};
    return out;
  }
  auto reg = store.find_registration((*stored)->registration_id);
  if (!reg) {
    out.error = reg.error();
    return out;
  }
  if (!reg->has_value()) {
    out.refusal = unknown;
    return out;
  }
  out.access = PlayAccess{token, std::move(**stored), std::move(**reg)};
  return out;
}

}  // namespace trellis::player
