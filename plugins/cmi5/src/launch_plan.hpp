// What launching one AU takes, as cmi5 defines it (quartz, sections 8 and 10):
// the launch URL's parameters, the LMS.LaunchData state document, the learner
// preferences the AU may read, and the "launched" statement the LMS writes.
// The host supplies who, where and which session ("launch_context" of the
// launch request) and fills the placeholders below; everything cmi5 means
// stays here.
#pragma once

#include <string>
#include <string_view>

namespace trellis::cmi5 {

// "trellis.launch-request/1" (with launch_context) -> "trellis.launch-plan/1"
// whose api is "xapi-launch". Throws trellis::InvalidInput for a request that
// is not a cmi5 AU's.
std::string launch_plan(std::string_view request_json);

}  // namespace trellis::cmi5
