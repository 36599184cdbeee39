// The player's administration API (admin key): learners, registrations and
// their status, and launch URLs (POST /api/v1/registrations/{id}/launch).
#pragma once

#include <optional>
#include <string>

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

// `content_origin`: the origin of this server's content listener, when it has
// one (launch URLs name it unless player.content_origin is set).
void register_player_routes(http::Router& router, Runtime& runtime, std::optional<std::string> content_origin);

}  // namespace trellis
