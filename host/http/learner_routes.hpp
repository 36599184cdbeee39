// The console's learner routes (pages for every signed-in role): my courses,
// the catalog, a course, launching a module, asking and replying, search, a thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/runtime.hpp"
#include "http/asset_versions.hpp"
#include "http/server/router.hpp"

namespace trellis {

void register_learner_routes(http::Router& router, Runtime& runtime, std::shared_ptr<const AssetVersions> assets,
                             std::optional<std::string> content_origin);

}  // namespace trellis
