#include "accounts/account_store.hpp"

#include "store/rows.hpp"

namespace trellis::accounts {
namespace {

User read_user(const store::Statement& st) { return User{st.text(0), st.text(1), st.optional_text(2), st.text(3)}; }

SessionRow read_session(const store::Statement& st) {
  return SessionRow{st.text(0), st.text(1), st.text(2), st.text(3)};
}

struct TakenInvite {
  std::string user_name;
  std::string expires_at;
};

TakenInvite read_invite(const store::Statement& st) { return TakenInvite{st.text(0), st.text(1)}; }

}  // namespace

Status AccountStore::insert_user(const User& u) {
  auto st = db_.prepare("INSERT INTO users(name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, u.name).bind(2, u.role).bind(3, u.password_hash).bind(4, u.created_at);
  return st->run();
}

Result<std::optional<User>> AccountStore::find_user(const std::string& name) {
  auto st = db_.prepare("SELECT name, role, password_hash, created_at FROM users WHERE name = ?1");
  if (!st) return st.error();
  st->bind(1, name);
  return store::first_row(*st, &read_user);
}

Result<std::vector<User>> AccountStore::list_users() {
  auto st = db_.prepare("SELECT name, role, password_hash, created_at FROM users ORDER BY name");
  if (!st) return st.error();
  return store::all_rows(*st, &read_user);
}

Result<bool> AccountStore::delete_user(const std::string& name) {
  // Explicit deletes rather than relying on ON DELETE CASCADE, which needs
  // foreign_keys on for the connection.
  for (const char* sql : {"DELETE FROM sessions WHERE user_name = ?1", "DELETE FROM invites WHERE user_name = ?1"}) {
    auto st = db_.prepare(sql);
    if (!st) return st.error();
    st->bind(1, name);
    TRELLIS_TRY(st->run());
  }
  auto st = db_.prepare("DELETE FROM users WHERE name = ?1");
  if (!st) return st.error();
  st->bind(1, name);
  TRELLIS_TRY(st->run());
  return db_.changes() == 1;
}

Status AccountStore::set_password_hash(const std::string& name, const std::string& hash) {
  auto st = db_.prepare("UPDATE users SET password_hash = ?2 WHERE name = ?1");
  if (!st) return st.error();
  st->bind(1, name).bind(2, hash);
  return st->run();
}

Status AccountStore::insert_session(const std::string& token_sha256, const std::string& user_name,
                                    const std::string& csrf, const std::string& created_at,
                                    const std::string& expires_at) {
  auto st = db_.prepare(
      "INSERT INTO sessions(token_sha256, user_name, csrf_token, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st) return st.error();
  st->bind(1, token_sha256).bind(2, user_name).bind(3, csrf).bind(4, created_at).bind(5, expires_at);
  return st->run();
}

Result<std::optional<SessionRow>> AccountStore::find_session(const std::string& token_sha256, const std::string& now) {
  auto st = db_.prepare(
      "SELECT s.user_name, u.role, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.name = s.user_name"
      " WHERE s.token_sha256 = ?1 AND s.expires_at > ?2");
  if (!st) return st.error();
  st->bind(1, token_sha256).bind(2, now);
  return store::first_row(*st, &read_session);
}

Result<int> AccountStore::delete_session(const std::string& token_sha256) {
  auto st = db_.prepare("DELETE FROM sessions WHERE token_sha256 = ?1");
  if (!st) return st.error();
  st->bind(1, token_sha256);
  TRELLIS_TRY(st->run());
  return db_.changes();
}

Result<int> AccountStore::delete_sessions_of(const std::string& user_name) {
  auto st = db_.prepare("DELETE FROM sessions WHERE user_name = ?1");
  if (!st) return st.error();
  st->bind(1, user_name);
  TRELLIS_TRY(st->run());
  return db_.changes();
}

Status AccountStore::delete_expired_sessions(const std::string& now) {
  auto st = db_.prepare("DELETE FROM sessions WHERE expires_at <= ?1");
  if (!st) return st.error();
  st->bind(1, now);
  return st->run();
}

Status AccountStore::insert_invite(const std::string& token_sha256, const std::string& user_name,
                                   const std::string& expires_at) {
  auto st = db_.prepare("INSERT INTO invites(token_sha256, user_name, expires_at) VALUES (?1, ?2, ?3)");
  if (!st) return st.error();
  st->bind(1, token_sha256).bind(2, user_name).bind(3, expires_at);
  return st->run();
}

Result<std::optional<std::string>> AccountStore::take_invite(const std::string& token_sha256, const std::string& now) {
  // One statement removes the invitation, live or expired, and says whose and
  // until when it was (all_rows steps it to the end, so the delete completes).
  auto st = db_.prepare("DELETE FROM invites WHERE token_sha256 = ?1 RETURNING user_name, expires_at");
  if (!st) return st.error();
  st->bind(1, token_sha256);
  auto taken = store::all_rows(*st, &read_invite);
  if (!taken) return taken.error();
  if (taken->empty() || taken->front().expires_at <= now) return std::optional<std::string>{};
  return std::optional<std::string>{taken->front().user_name};
}

}  // namespace trellis::accounts
