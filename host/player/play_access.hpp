// What a content-origin request's token grants: the registration it was issued
// for, until it expires. A token the host never issued (or forged, or for a
// registration gone) is refused as unknown (401); an expired one as expired
// (403). Neither check writes anything.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "player/player_store.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct PlayAccess {
  std::string token;  // as the URL carries it (the launch page puts it in its URLs)
  LaunchToken stored;
  Registration registration;
};

struct PlayRefusal {
  int status = 401;  // 401 unknown, 403 expired
  std::string message;
};

struct PlayCheck {
  std::optional<PlayAccess> access;
  std::optional<PlayRefusal> refusal;
  std::optional<Error> error;  // the database failed
};

PlayCheck check_play_token(store::Database& db, const std::string& token);

}  // namespace trellis::player
