// The launch page the content origin serves at /play/{token}/: HTML the host
// writes, no inline script. Its boot data sits in a JSON data block (never run)
// with <, > and & escaped, so no course title or element can close the block.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace trellis {

class AssetVersions;

// The page's own Content-Security-Policy.
inline constexpr const char* kLaunchPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'";

// The bundle files are named by their versioned URLs (asset_versions.hpp).
std::string launch_page_html(const nlohmann::json& boot, const std::string& title, const AssetVersions& assets);
// JSON text safe inside an HTML element: '<', '>', '&' as \u escapes.
std::string json_for_html(const nlohmann::json& value);

}  // namespace trellis
