// The console's pages as HTML the host writes: no script, one stylesheet by
// its versioned URL, every value escaped. They work from the keyboard and
// without JavaScript; a strict policy (kConsolePagePolicy) goes with each.
#pragma once

#include <optional>
#include <string>

#include "accounts/sessions.hpp"
#include "http/asset_versions.hpp"

namespace trellis {

inline constexpr const char* kConsolePagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

// The sign-in form; `problem` is said above it in words when a try failed.
std::string login_page(const AssetVersions& assets, const std::string& name, const std::optional<std::string>& problem);
// The form an invited user chooses a password with.
std::string invite_page(const AssetVersions& assets, const std::string& token, const std::optional<std::string>& problem);

}  // namespace trellis
