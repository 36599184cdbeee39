// Learners the player knows: added by an admin (CLI or REST), named by an id the
// admin chooses (an employee number, a login), so registrations and statements
// can name them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "player/player_store.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct NewLearner {
  std::string id;
  std::string name;
  std::optional<std::string> email;
};

// Checks the input (id 1-128 characters of letters, digits, '.', '_', '-', '@';
// a name; an e-mail with one '@'), then stores it. An id in use is a conflict.
Result<Learner> add_learner(store::Database& db, const NewLearner& in);
// add_learner's checks alone, for a caller that stores the learner in a transaction of its own.
Status check_new_learner(const NewLearner& in);
Result<std::vector<Learner>> list_learners(store::Database& db);
Result<Learner> get_learner(store::Database& db, const std::string& id);

// {"id", "name", "email" (or null), "created_at"}
nlohmann::json learner_json(const Learner& learner);
// The learner as an xAPI Agent: an mbox with an e-mail, else an account on urn:trellis:learner.
nlohmann::json learner_agent(const Learner& learner);

}  // namespace trellis::player
