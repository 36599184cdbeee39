// `trellis launch` and POST /api/v1/registrations/{id}/launch: opens (or
// resumes) the attempt on a module and issues a launch token for it; the URL is
// the content origin's launch page for that token.
#pragma once

#include <functional>

#include "player/runtime_calls.hpp"

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
  std::string session;     // the AU session's id for content that reports to the LRS; "" otherwise
};

// Where launches point: the content origin ("http://localhost:8081"), and,
// for content that reports to the LRS itself, a way to the API origin (asked
// only for such a launch, so SCORM launches need no running server).
struct LaunchOrigins {
  std::string content;
  std::function<Result<std::string>()> api;
};

// `module`: a module id or identifier of the registration's version; nullopt:
// the first launchable module in tree order. The module's runtime plans the
// launch: the launch page for content using a JavaScript API (SCORM), or the
// content's own URL with its LRS credential for content that talks to the
// LRS itself (cmi5, xAPI; player/xapi_launch.hpp).
// `mode`: "normal", "browse" or "review" (as the cmi5 launch modes; any case).
Result<LaunchTicket> issue_launch(store::Database& db, const std::string& registration_id,
                                  const std::optional<std::string>& module, const std::string& mode,
                                  const LaunchOrigins& origins, const RuntimeFinder& runtimes);

// {"url", "registration", "module", "attempt", "expires_at"}
nlohmann::json ticket_json(const LaunchTicket& ticket);

}  // namespace trellis::player
