#include "accounts/sessions.hpp"

#include "accounts/password.hpp"
#include "core/sha256.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::accounts {
namespace {

// A hash of a password nobody knows, made once, so a login for a name that
// does not exist costs what a real check costs.
const std::string& dummy_hash() {
  static const std::string hash = [] {
    auto made = hash_password(random_token());
    return made ? *made : std::string();
  }();
  return hash;
}

}  // namespace

Result<std::optional<OpenedSession>> log_in(store::Database& db, const std::string& name, const std::string& password,
                                            int64_t now_micros) {
  AccountStore store(db);
  auto user = store.find_user(name);
  if (!user) return user.error();
  if (!user->has_value() || !(*user)->password_hash) {
    (void)verify_password(password, dummy_hash());
    return std::optional<OpenedSession>{};
  }
  if (!verify_password(password, *(*user)->password_hash)) return std::optional<OpenedSession>{};
  // A hash made under a lower cost is upgraded while the password is at hand.
  if (needs_rehash(*(*user)->password_hash)) {
    auto rehashed = hash_password(password);
    if (rehashed) TRELLIS_TRY(store.set_password_hash(name, *rehashed));
  }
  auto opened = open_session(db, **user, now_micros);
  if (!opened) return opened.error();
  return std::optional<OpenedSession>{std::move(*opened)};
}

Result<OpenedSession> open_session(store::Database& db, const User& user, int64_t now_micros) {
  AccountStore store(db);
  OpenedSession opened{random_token(), random_token(), user, xapi::format_timestamp(now_micros + kSessionLifetimeMicros)};
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  std::string now = xapi::format_timestamp(now_micros);
  TRELLIS_TRY(store.delete_expired_sessions(now));
  TRELLIS_TRY(store.insert_session(sha256_hex(opened.token), user.name, opened.csrf_token, now, opened.expires_at));
  TRELLIS_TRY(tx->commit());
  return opened;
}

Result<std::optional<Session>> find_session(store::Database& db, const std::string& token, int64_t now_micros) {
  if (token.empty() || token.size() > 128) return std::optional<Session>{};
  auto row = AccountStore(db).find_session(sha256_hex(token), xapi::format_timestamp(now_micros));
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<Session>{};
  const SessionRow& r = **row;
  return std::optional<Session>{Session{r.user_name, r.role, r.csrf_token, r.expires_at}};
}

Status log_out(store::Database& db, const std::string& token) {
  auto gone = AccountStore(db).delete_session(sha256_hex(token));
  if (!gone) return gone.error();
  return {};
}

Result<int> log_out_everywhere(store::Database& db, const std::string& user_name) {
  return AccountStore(db).delete_sessions_of(user_name);
}

}  // namespace trellis::accounts
