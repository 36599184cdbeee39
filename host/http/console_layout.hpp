// The frame every console page shares: the document head (one stylesheet and
// one enhancement script by their versioned URLs), the header with the role's
// navigation and sign-out, and the main landmark the page's content goes in.
#pragma once

#include <string>

#include "accounts/sessions.hpp"
#include "http/asset_versions.hpp"

namespace trellis {

// A page with no signed-in user (sign-in, invitation, refusals).
std::string page_shell(const std::string& stylesheet_url, const std::string& title, const std::string& header_extra,
                       const std::string& body);
// A signed-in user's page: navigation for their role, sign-out with the CSRF token.
std::string console_page(const AssetVersions& assets, const accounts::Session& user, const std::string& title,
                         const std::string& body);
// <input type=hidden name=csrf>: what every form of a signed-in page carries.
std::string hidden_csrf(const accounts::Session& user);
// A stored timestamp as <time>: UTC text that console.js puts in the viewer's locale.
std::string time_element(const std::string& stored_timestamp);

}  // namespace trellis
