// The SCORM 1.2 runtime (trellis.runtime/1, format "scorm12"): the launch
// values of a SCO, and commits checked against the 1.2 data model, folded
// into the attempt's state with the LMS's own rules (mastery score, entry,
// total time) and turned into xAPI statements.
#pragma once

#include <string>
#include <string_view>

namespace trellis::scorm12 {

std::string prepare_launch(std::string_view request_json);
std::string apply_commit(std::string_view request_json);

}  // namespace trellis::scorm12
