// Mounts every domain's HTTP handlers on the router.
#pragma once

#include <filesystem>

#include <functional>
#include <optional>
#include <string>

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

// `stopping` tells /healthz the host is shutting down (it answers 503 then).
// `content_origin`: the origin of the server's content listener, if it has one.
void register_all_routes(http::Router& router, Runtime& runtime, std::function<bool()> stopping,
                         std::optional<std::string> content_origin = std::nullopt,
                         std::filesystem::path web_assets = {});  // empty: paths::web_assets_dir()

}  // namespace trellis
