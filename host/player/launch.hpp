// `trellis launch` and POST /api/v1/registrations/{id}/launch: opens (or
// resumes) the attempt on a module and issues a launch token for it; the URL is
// the content origin's launch page for that token.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct LaunchTicket {
  std::string url;
  std::string registration;
  std::string module;   // module id
  std::string attempt;
  std::string expires_at;  // stored form
};

// `module`: a module id or identifier of the registration's version; nullopt:
// the first launchable module in tree order. `origin`: "http://localhost:8081".
Result<LaunchTicket> issue_launch(store::Database& db, const std::string& registration_id,
                                  const std::optional<std::string>& module, const std::string& origin);

// {"url", "registration", "module", "attempt", "expires_at"}
nlohmann::json ticket_json(const LaunchTicket& ticket);

}  // namespace trellis::player
