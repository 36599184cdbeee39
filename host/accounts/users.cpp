#include "accounts/users.hpp"

#include "accounts/password.hpp"
#include "core/sha256.hpp"
#include "player/learners.hpp"
#include "player/player_store.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::accounts {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '@';
}

Status check_name(const std::string& name) {
  if (name.empty() || name.size() > 128) return make_error(ErrorKind::invalid_input, "a user name is 1 to 128 characters");
  for (char c : name)
    if (!is_name_char(c))
      return make_error(ErrorKind::invalid_input,
                        "user name '" + name + "' may hold only letters, digits, '.', '_', '-' and '@'");
  return {};
}

// The learner a learner account is: made when absent, kept when an admin added it before.
Status ensure_learner(store::Database& db, const NewUser& in, int64_t now_micros) {
  auto found = player::PlayerStore(db).find_learner(in.name);
  if (!found) return found.error();
  if (found->has_value()) return {};
  player::NewLearner learner{in.name, in.display_name.value_or(in.name), std::nullopt};
  TRELLIS_TRY(player::check_new_learner(learner));
  return player::PlayerStore(db).insert_learner(
      player::Learner{learner.id, learner.name, std::nullopt, std::nullopt, xapi::format_timestamp(now_micros)});
}

}  // namespace

Status check_role(const std::string& role) {
  if (role == "admin" || role == "designer" || role == "learner") return {};
  return make_error(ErrorKind::invalid_input, "role '" + role + "' is not one of admin, designer, learner");
}

Result<AddedUser> add_user(store::Database& db, const NewUser& in, int64_t now_micros) {
  TRELLIS_TRY(check_name(in.name));
  TRELLIS_TRY(check_role(in.role));
  std::optional<std::string> hash;
  if (in.password) {
    auto hashed = hash_password(*in.password);
    if (!hashed) return hashed.error();
    hash = std::move(*hashed);
  }
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  AccountStore store(db);
  auto existing = store.find_user(in.name);
  if (!existing) return existing.error();
  if (existing->has_value()) return make_error(ErrorKind::conflict, "a user named " + in.name + " exists already");
  User user{in.name, in.role, hash, xapi::format_timestamp(now_micros)};
  TRELLIS_TRY(store.insert_user(user));
  if (in.role == "learner") TRELLIS_TRY(ensure_learner(db, in, now_micros));
  AddedUser added{user, std::nullopt};
  if (!in.password) {
    std::string token = random_token();
    TRELLIS_TRY(store.insert_invite(sha256_hex(token), in.name, xapi::format_timestamp(now_micros + kInviteLifetimeMicros)));
    added.invite_token = token;
  }
  TRELLIS_TRY(tx->commit());
  return added;
}

Result<std::vector<User>> list_users(store::Database& db) { return AccountStore(db).list_users(); }

Status remove_user(store::Database& db, const std::string& name) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto removed = AccountStore(db).delete_user(name);
  if (!removed) return removed.error();
  if (!*removed) return make_error(ErrorKind::not_found, "no user named " + name);
  return tx->commit();
}

Result<std::string> invite_user(store::Database& db, const std::string& name, int64_t now_micros) {
  AccountStore store(db);
  auto found = store.find_user(name);
  if (!found) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::not_found, "no user named " + name);
  std::string token = random_token();
  TRELLIS_TRY(store.insert_invite(sha256_hex(token), name, xapi::format_timestamp(now_micros + kInviteLifetimeMicros)));
  return token;
}

Result<User> accept_invite(store::Database& db, const std::string& token, const std::string& password,
                           int64_t now_micros) {
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  AccountStore store(db);
  auto name = store.take_invite(sha256_hex(token), xapi::format_timestamp(now_micros));
  if (!name) return name.error();
  if (!name->has_value())
    return make_error(ErrorKind::not_found, "this invitation is unknown, used or expired; ask an administrator for another");
  TRELLIS_TRY(store.set_password_hash(**name, *hash));
  // A new password ends every session the old one opened.
  auto ended = store.delete_sessions_of(**name);
  if (!ended) return ended.error();
  auto user = store.find_user(**name);
  if (!user) return user.error();
  if (!user->has_value()) return make_error(ErrorKind::not_found, "the invited user is gone");
  TRELLIS_TRY(tx->commit());
  return std::move(**user);
}

nlohmann::json user_json(const User& user) {
  return {{"name", user.name},
          {"role", user.role},
          {"has_password", user.password_hash.has_value()},
          {"created_at", xapi::display_timestamp(user.created_at)}};
}

}  // namespace trellis::accounts
