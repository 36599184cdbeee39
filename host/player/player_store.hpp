// The player's data-access layer: the only code that reads or writes the player
// tables. Callers hold the transaction; each function is one step of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct Learner {
  std::string id;
  std::string name;
  std::optional<std::string> email;
  std::optional<std::string> account;
  std::string created_at;
};

struct Registration {
  std::string id;
  std::string xapi_registration;  // UUID v4, the xAPI context.registration of its statements
  std::string learner_id;
  std::string course_id;
  int version = 0;  // the course version it started on
  std::string created_at;
  bool finished = false;
};

struct Attempt {
  std::string id;
  std::string registration_id;
  std::string module_id;
  int number = 1;
  std::optional<std::string> state;  // flattened JSON; nullopt before the first commit
  std::string status = "{}";         // the runtime's last status JSON
  int64_t last_seq = 0;
  int64_t session_seq = 0;
  std::optional<std::string> last_commit_sha256;
  std::optional<std::string> last_answer;
  bool open = true;
  std::string created_at;
  std::string updated_at;
};

struct LaunchToken {
  std::string hash;  // SHA-256 hex of the token
  std::string registration_id;
  std::optional<std::string> attempt_id;
  std::string purpose;  // "launch"
  std::string expires_at;
};

// What a commit changes of its attempt.
struct AttemptUpdate {
  std::string state;
  std::string status;
  int64_t seq = 0;
  std::string commit_sha256;
  std::string answer;
  bool open = true;
  std::string updated_at;
};

class PlayerStore {
 public:
  explicit PlayerStore(store::Database& db) : db_(db) {}

  Status insert_learner(const Learner& learner);
  Result<std::optional<Learner>> find_learner(const std::string& id);
  Result<std::vector<Learner>> list_learners();

  Status insert_registration(const Registration& r);
  Result<std::optional<Registration>> find_registration(const std::string& id);
  Result<std::optional<Registration>> registration_in_progress(const std::string& learner_id,
                                                              const std::string& course_id);
  // Newest first.
  Result<std::vector<Registration>> list_registrations();

  Status insert_attempt(const Attempt& a);
  Result<std::optional<Attempt>> find_attempt(const std::string& id);
  Result<std::optional<Attempt>> open_attempt(const std::string& registration_id, const std::string& module_id);
  // Every attempt of the registration, oldest first.
  Result<std::vector<Attempt>> attempts_of(const std::string& registration_id);
  Result<int> attempt_count(const std::string& registration_id, const std::string& module_id);
  // A new session begins: its first commit will be last_seq + 1.
  Status start_session(const std::string& attempt_id, const std::string& updated_at);
  // Applies a commit only if the attempt is still at `expected_seq`; false when it moved.
  Result<bool> update_attempt(const std::string& attempt_id, int64_t expected_seq, const AttemptUpdate& update);

  // The status of an attempt whose content reports to the LRS itself (cmi5):
  // what the LRS learnt, in the form the runtimes' commits leave it.
  Status set_attempt_status(const std::string& attempt_id, const std::string& status, const std::string& updated_at);

  Status insert_token(const LaunchToken& token);
  Result<std::optional<LaunchToken>> find_token(const std::string& hash);
  Status set_token_attempt(const std::string& hash, const std::string& attempt_id);
  // Removes tokens that expired before `now`; returns how many.
  Result<int64_t> drop_expired_tokens(const std::string& now);

  // Deletes every player row of a course (the course is being deleted).
  Result<int64_t> remove_course_registrations(const std::string& course_id);

 private:
  store::Database& db_;
};

}  // namespace trellis::player
