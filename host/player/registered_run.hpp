// A registration with what running it takes: its course version as the player
// runs it and its learner. Launches and waivers both start here.
#pragma once

#include <string>

#include "core/result.hpp"
#include "player/course_run.hpp"
#include "player/player_store.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct RegisteredRun {
  Registration registration;
  CourseRun run;
  Learner learner;
};

// not_found when the registration, its version or its learner is gone.
Result<RegisteredRun> load_registered_run(store::Database& db, const std::string& registration_id);

}  // namespace trellis::player
