// Registrations: one learner on one course version (as SCORM Cloud and cmi5
// define it). Creating one for a learner and course that already have one in
// progress returns that one, so a relaunch reuses it; it stays on the version
// it started on when the course is imported again.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "player/player_store.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct RegistrationCreated {
  Registration registration;
  bool created = false;  // false: the one in progress was returned
};

Result<RegistrationCreated> create_registration(store::Database& db, const std::string& course_id,
                                                const std::string& learner_id);
Result<Registration> get_registration(store::Database& db, const std::string& id);
Result<std::vector<Registration>> list_registrations(store::Database& db);

// {"id", "xapi_registration", "learner", "course_id", "version", "created_at"}
nlohmann::json registration_json(const Registration& r);

}  // namespace trellis::player
