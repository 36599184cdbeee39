// What launching a TinCan activity takes, by the convention tincan.xml content
// is written for (Rustici's launch document, lms_lrs.md): the activity's URL
// with endpoint, auth, actor, registration and activity_id appended. There is
// no fetch step and no session rules; the credential travels in the URL, so
// the host mints one per launch.
#pragma once

#include <string>
#include <string_view>

namespace trellis::xapi {

// "trellis.launch-request/1" -> "trellis.launch-plan/1" (api "xapi-launch").
// Throws trellis::InvalidInput for a request that is not a TinCan activity's.
std::string launch_plan(std::string_view request_json);

}  // namespace trellis::xapi
