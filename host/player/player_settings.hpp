// The player's settings: player.token_ttl_seconds (how long a launch URL works)
// player.content_origin (the origin launch URLs name) and player.api_origin
// (where content reporting to the LRS itself finds it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::player {

inline constexpr int64_t kDefaultTokenTtlSeconds = 14400;

Result<int64_t> load_token_ttl(store::Database& db);
// The setting when set (checked: http(s)://host[:port], no path); nullopt when unset.
Result<std::optional<std::string>> load_content_origin(store::Database& db);
// player.api_origin, checked the same way: the API listener's origin as content sees it.
Result<std::optional<std::string>> load_api_origin(store::Database& db);

}  // namespace trellis::player
