// Launching content that talks to the LRS itself: a runtime plugin's plan
// with api "xapi-launch" (cmi5 AUs, xAPI tincan.xml activities). The host
// opens an AU session holding a fresh LRS credential, fills the plan's
// placeholders with what only it knows, writes the documents and statements
// the plan asks for, and answers the content's own URL on the content origin
// with the plan's query appended.
//
// Placeholders (a string value that is exactly one of them):
//   {endpoint}      the LRS endpoint, "<api origin>/xapi/"
//   {fetch}         a one-time fetch URL handing out the credential (cmi5 8.2)
//   {auth}          the credential itself, "Basic <base64 key:secret>"
//   {actor}         the launch actor (an object in documents and statements,
//                   its JSON text in the query)
//   {registration}  the registration's xAPI UUID
//   {activity_id}   the LMS's id of the module, the same on every launch
//   {module_identifier}  the publisher's id of the module
//   {launch_url}    the URL answered, query included
//   {timestamp}     now, RFC 3339
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "player/course_run.hpp"
#include "player/player_store.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct XapiLaunchPlace {
  std::string content_origin;  // "http://localhost:8081"
  std::string api_origin;      // "http://localhost:8080": where the LRS and the fetch URL are
  std::string launch_token;    // the content origin's token for this launch (its files' path)
  std::string expires_at;      // stored form: the credential stops working with the launch token
};

// The launch_context member the plan is asked with.
nlohmann::json xapi_launch_context(const Registration& registration, const RunModule& module, const Learner& learner,
                                   const std::string& session_id);

// Inside the caller's transaction. `plan` is the runtime's answer; answers the URL.
Result<std::string> start_xapi_session(store::Database& db, const Registration& registration, const CourseRun& run,
                                       const RunModule& module, const Learner& learner, const Attempt& attempt,
                                       const nlohmann::json& plan, const std::string& session_id,
                                       const XapiLaunchPlace& place);

// POST of a fetch URL (cmi5 8.2): the credential once, then {"error-code": "1"}.
// Answers the JSON document to send with status 200.
Result<nlohmann::json> redeem_fetch(store::Database& db, const std::string& fetch_token);

// The fetch URL's path on the API origin, for the token.
std::string fetch_path(const std::string& fetch_token);

}  // namespace trellis::player
