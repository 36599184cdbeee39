// What cmi5 makes the LMS itself say and remember (cmi5 quartz, section 9):
// the ids it generates for AUs, blocks and the course; "abandoned" for a
// session the AU left open; "waived" when an administrator excuses an AU;
// "satisfied" once every AU of a block or of the course met its moveOn. The
// format plugin plans the launch ("launched", LMS.LaunchData); these are the
// duties that outlive one launch, so they live with the registrations.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "lrs/cmi5_session_rules.hpp"
#include "player/course_run.hpp"
#include "player/player_store.hpp"
#include "store/database.hpp"

namespace trellis::player::cmi5_lms {

// LMS-generated activity ids (section 8.1.5: not the publisher's, the same on
// every launch of the registration's course).
std::string au_activity_id(const std::string& module_id);
std::string block_activity_id(const std::string& module_id);
std::string course_activity_id(const std::string& course_id);

// The launch actor: cmi5 wants an Agent named by an account (section 8.1.3).
nlohmann::json launch_actor(const Learner& learner);

// Section 9.3.8: the LMS's statement for a session the AU did not terminate.
nlohmann::json abandoned_statement(const lrs::cmi5::AuSession& session, int64_t launched_micros, int64_t now_micros);

// Section 9.3.7: the AU of `module_id` is excused; `reason` is one of
// Tested Out, Equivalent AU, Equivalent Outside Activity, Administrative.
nlohmann::json waived_statement(const nlohmann::json& actor, const std::string& registration,
                                const std::string& module_id, const std::string& publisher_id,
                                const std::string& reason, const std::string& session_id);
bool is_waive_reason(const std::string& reason);

// Section 9.3.9: "satisfied" for each block and the course whose AUs have all
// met their moveOn (or been waived) and that the registration has not yet
// declared satisfied; each is marked so it is said once. `attempt_status`
// maps module ids to their attempt's status JSON.
Result<std::vector<nlohmann::json>> newly_satisfied(store::Database& db, const Registration& registration,
                                                    const CourseRun& run, const nlohmann::json& actor,
                                                    const std::string& session_id);

}  // namespace trellis::player::cmi5_lms
