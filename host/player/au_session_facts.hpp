// An AU session's facts (lrs/cmi5_session_rules.hpp) as the player stores them:
// one JSON object per session, read back whole when the AU's next request comes.
#pragma once

#include <string>

#include "core/result.hpp"
#include "lrs/cmi5_session_rules.hpp"

namespace trellis::player {

std::string facts_json(const lrs::cmi5::AuSession& session);
Result<lrs::cmi5::AuSession> parse_facts(const std::string& text);

// "Normal" / "Browse" / "Review", as LMS.LaunchData names them.
std::string launch_mode_name(lrs::cmi5::LaunchMode mode);
lrs::cmi5::LaunchMode launch_mode_from(const std::string& name);

}  // namespace trellis::player
