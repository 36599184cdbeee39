// The authority of the statements the player records for learners (a
// runtime's commits, cmi5's LMS statements): the host vouches for them.
#pragma once

#include <nlohmann/json.hpp>

namespace trellis::player {

inline const nlohmann::json& player_authority() {
  static const nlohmann::json authority = {{"objectType", "Agent"},
                                           {"name", "Trellis player"},
                                           {"account", {{"homePage", "urn:trellis:host"}, {"name", "player"}}}};
  return authority;
}

}  // namespace trellis::player
