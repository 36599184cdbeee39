// Which origin launch URLs name: setting player.content_origin when set, else
// the content listener a running `trellis serve --content-listen` announced in
// the home (the file content-origin.live, removed when it stops), so
// `trellis launch` in another process prints URLs that work.
#pragma once

#include <optional>
#include <string>

#include "core/home.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::player {

// `live`: the origin of this process's own content listener, when it has one.
Result<std::string> launch_origin(const Home& home, store::Database& db,
                                  const std::optional<std::string>& live = std::nullopt);

Status announce_content_origin(const Home& home, const std::string& origin);
void withdraw_content_origin(const Home& home);

// Where content that talks to the LRS itself finds it and its fetch URLs: the
// setting player.api_origin when set, else the API listener a running
// `trellis serve` announced (api-origin.live), the same way.
Result<std::string> lrs_origin(const Home& home, store::Database& db);
Status announce_api_origin(const Home& home, const std::string& origin);
void withdraw_api_origin(const Home& home);

}  // namespace trellis::player
