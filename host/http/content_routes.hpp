// The content origin (serve --content-listen): the launch page, the course's
// files, module starts and commits, all authorised by the launch token in the
// path, and the launch page's bundle under /assets/. Mounted on its own router
// and listener only: the API listener never serves these, and this one serves
// nothing else. No route here reads an admin or xAPI key or sets a cookie.
#pragma once

#include <filesystem>

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

// `web_assets`: the folder of the built bundle (player.js, player.css).
void register_content_routes(http::Router& router, Runtime& runtime, std::filesystem::path web_assets);

}  // namespace trellis
