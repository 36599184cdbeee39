// Console sessions: a browser that logged in holds a random token (in an
// HttpOnly cookie); the host keeps its SHA-256, the user and a CSRF token the
// page must send back with every state-changing request. Sessions end at
// logout, at "log out everywhere", when the password changes, and 12 hours
// after login.
#pragma once

#include <optional>
#include <string>

#include "accounts/account_store.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::accounts {

inline constexpr int64_t kSessionLifetimeMicros = 12LL * 3600 * 1000000;

struct OpenedSession {
  std::string token;  // for the cookie; never stored
  std::string csrf_token;
  User user;
  std::string expires_at;
};

struct Session {
  std::string user_name;
  std::string role;
  std::string csrf_token;
  std::string expires_at;
};

// nullopt for a wrong name or password alike (the caller cannot tell which,
// nor can whoever guesses): the password is checked against a dummy hash when
// the user does not exist, so both take the same time.
Result<std::optional<OpenedSession>> log_in(store::Database& db, const std::string& name, const std::string& password,
                                            int64_t now_micros);
// A new session for a user whose password was just checked (or just chosen).
Result<OpenedSession> open_session(store::Database& db, const User& user, int64_t now_micros);
Result<std::optional<Session>> find_session(store::Database& db, const std::string& token, int64_t now_micros);
Status log_out(store::Database& db, const std::string& token);
// Ends every session of the user; answers how many there were.
Result<int> log_out_everywhere(store::Database& db, const std::string& user_name);

}  // namespace trellis::accounts
