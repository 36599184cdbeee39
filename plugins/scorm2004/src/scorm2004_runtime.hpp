// The SCORM 2004 runtime (trellis.runtime/1, format "scorm2004", 2nd to 4th
// Edition by the course's edition): launch values, commits checked against
// the edition's data model, completion and success evaluated against the
// node's completion threshold and scaled passing score (RTE 4.2.4.1,
// 4.2.22.1), adl.nav.request as the outcome's navigation, xAPI statements.
#pragma once

#include <string>
#include <string_view>

namespace trellis::scorm2004 {

std::string prepare_launch(std::string_view request_json);
std::string apply_commit(std::string_view request_json);

}  // namespace trellis::scorm2004
