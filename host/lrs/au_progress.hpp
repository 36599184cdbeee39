// What a launched activity's own statements say about its session when no
// rules apply to them (an xAPI/TinCan launch): initialized, completed,
// passed or failed, about the activity the launch named. The player keeps
// this as the attempt's status, as it does for cmi5 AUs and SCOs.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "lrs/cmi5_session_rules.hpp"

namespace trellis::lrs {

cmi5::AuSession observe_progress(const cmi5::AuSession& session, const std::vector<const nlohmann::json*>& statements);

}  // namespace trellis::lrs
