#include "player/learners.hpp"

#include "core/utf8.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {
namespace {

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '@';
}

}  // namespace

Status check_new_learner(const NewLearner& in) {
  if (in.id.empty() || in.id.size() > 128)
    return make_error(ErrorKind::invalid_input, "a learner id is 1 to 128 characters");
  for (char c : in.id)
    if (!is_id_char(c))
      return make_error(ErrorKind::invalid_input, "learner id '" + in.id +
                                                      "' may hold only letters, digits, '.', '_', '-' and '@'");
  if (in.name.empty() || in.name.size() > 256 || !is_valid_utf8(in.name))
    return make_error(ErrorKind::invalid_input, "a learner's name is 1 to 256 bytes of UTF-8");
  for (unsigned char c : in.name)
    if (c < 0x20 || c == 0x7f) return make_error(ErrorKind::invalid_input, "a learner's name holds no control characters");
  if (in.email) {
    const auto& e = *in.email;
    auto at = e.find('@');
    bool ok = at != std::string::npos && at > 0 && at + 1 < e.size() && e.find('@', at + 1) == std::string::npos &&
              e.size() <= 254;
    for (unsigned char c : e) ok = ok && c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '"';
    if (!ok) return make_error(ErrorKind::invalid_input, "'" + e + "' is not an e-mail address (name@domain)");
  }
  return {};
}

Result<Learner> add_learner(store::Database& db, const NewLearner& in) {
  TRELLIS_TRY(check_new_learner(in));
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  PlayerStore store(db);
  auto existing = store.find_learner(in.id);
  if (!existing) return existing.error();
  if (existing->has_value()) return make_error(ErrorKind::conflict, "a learner with id " + in.id + " exists already");
  Learner learner{in.id, in.name, in.email, std::nullopt, xapi::format_timestamp(xapi::now_micros())};
  TRELLIS_TRY(store.insert_learner(learner));
  TRELLIS_TRY(tx->commit());
  return learner;
}

Result<std::vector<Learner>> list_learners(store::Database& db) { return PlayerStore(db).list_learners(); }

Result<Learner> get_learner(store::Database& db, const std::string& id) {
  auto found = PlayerStore(db).find_learner(id);
  if (!found) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::not_found, "no learner with id " + id);
  return std::move(**found);
}

nlohmann::json learner_json(const Learner& l) {
  return {{"id", l.id},
          {"name", l.name},
          {"email", l.email ? nlohmann::json(*l.email) : nlohmann::json()},
          {"created_at", xapi::display_timestamp(l.created_at)}};
}

nlohmann::json learner_agent(const Learner& l) {
  if (l.email) return {{"objectType", "Agent"}, {"name", l.name}, {"mbox", "mailto:" + *l.email}};
  return {{"objectType", "Agent"}, {"name", l.name}, {"account", {{"homePage", "urn:trellis:learner"}, {"name", l.id}}}};
}

}  // namespace trellis::player
