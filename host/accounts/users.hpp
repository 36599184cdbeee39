// The console's users: a name, a role that decides what they may do, and a
// password (or, until they choose one, a one-time invitation). A learner
// account is the player's learner of the same id, so what they take in the
// console is recorded as theirs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/account_store.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::accounts {

inline constexpr int64_t kInviteLifetimeMicros = 7LL * 24 * 3600 * 1000000;

struct NewUser {
  std::string name;  // as a learner id: letters, digits, '.', '_', '-', '@'
  std::string role;
  std::optional<std::string> password;  // nullopt: an invitation is made instead
  std::optional<std::string> display_name;  // the learner's name (role learner), default the user name
};

struct AddedUser {
  User user;
  std::optional<std::string> invite_token;  // when no password was given
};

// Refuses a bad name, role or password, and a name in use; for a learner,
// creates the player's learner too (or takes over one of that id).
Result<AddedUser> add_user(store::Database& db, const NewUser& in, int64_t now_micros);
Result<std::vector<User>> list_users(store::Database& db);
// Removes the user, their sessions and invitations (not the learner's records).
Status remove_user(store::Database& db, const std::string& name);
// A new one-time invitation for an existing user; earlier ones stay valid until they expire.
Result<std::string> invite_user(store::Database& db, const std::string& name, int64_t now_micros);
// Sets the invited user's password and spends the invitation. not_found when
// the invitation is unknown, spent or expired.
Result<User> accept_invite(store::Database& db, const std::string& token, const std::string& password,
                           int64_t now_micros);

// {"name", "role", "has_password", "created_at"}
nlohmann::json user_json(const User& user);
Status check_role(const std::string& role);

}  // namespace trellis::accounts
