// The accounts domain's data-access layer: every SQL statement on users,
// sessions and invites is here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::accounts {

struct User {
  std::string name;
  std::string role;  // admin, designer or learner
  std::optional<std::string> password_hash;
  std::string created_at;
};

struct SessionRow {
  std::string user_name;
  std::string role;
  std::string csrf_token;
  std::string expires_at;
};

class AccountStore {
 public:
  explicit AccountStore(store::Database& db) : db_(db) {}

  Status insert_user(const User& user);
  Result<std::optional<User>> find_user(const std::string& name);
  Result<std::vector<User>> list_users();
  // Whether a user was removed (their sessions and invites go with them).
  Result<bool> delete_user(const std::string& name);
  Status set_password_hash(const std::string& name, const std::string& hash);

  Status insert_session(const std::string& token_sha256, const std::string& user_name, const std::string& csrf,
                        const std::string& created_at, const std::string& expires_at);
  // The live session of a token digest, with its user's role now.
  Result<std::optional<SessionRow>> find_session(const std::string& token_sha256, const std::string& now);
  Result<int> delete_session(const std::string& token_sha256);
  Result<int> delete_sessions_of(const std::string& user_name);
  Status delete_expired_sessions(const std::string& now);

  Status insert_invite(const std::string& token_sha256, const std::string& user_name, const std::string& expires_at);
  // Takes the invitation: answers its user when it was live, and it is gone either way.
  Result<std::optional<std::string>> take_invite(const std::string& token_sha256, const std::string& now);

 private:
  store::Database& db_;
};

}  // namespace trellis::accounts
