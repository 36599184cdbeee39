#include "player/au_session_store.hpp"

#include "store/rows.hpp"

namespace trellis::player {
namespace {

constexpr const char* kColumns =
    "SELECT key, secret_sha256, fetch_hash, fetched_at, registration_id, attempt_id, session_id, rules, facts,"
    " launched_at, ended, expires_at FROM au_sessions ";

AuSessionRow read_row(const store::Statement& st) {
  return AuSessionRow{st.text(0),          st.optional_text(1), st.optional_text(2), st.optional_text(3),
                      st.text(4),          st.text(5),          st.text(6),          st.text(7),
                      st.text(8),          st.text(9),          st.optional_text(10), st.text(11)};
}

}  // namespace

Status AuSessionStore::insert(const AuSessionRow& r) {
  auto st = db_.prepare(
      "INSERT INTO au_sessions(key, secret_sha256, fetch_hash, fetched_at, registration_id, attempt_id, session_id,"
      " rules, facts, launched_at, ended, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!st) return st.error();
  st->bind(1, r.key).bind(2, r.secret_sha256).bind(3, r.fetch_hash).bind(4, r.fetched_at).bind(5, r.registration_id);
  st->bind(6, r.attempt_id).bind(7, r.session_id).bind(8, r.rules).bind(9, r.facts).bind(10, r.launched_at);
  st->bind(11, r.ended).bind(12, r.expires_at);
  return st->run();
}

Result<std::optional<AuSessionRow>> AuSessionStore::find_by_key(const std::string& key) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE key = ?1");
  if (!st) return st.error();
  st->bind(1, key);
  return store::first_row(*st, &read_row);
}

Result<std::optional<AuSessionRow>> AuSessionStore::find_by_fetch(const std::string& fetch_hash) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE fetch_hash = ?1");
  if (!st) return st.error();
  st->bind(1, fetch_hash);
  return store::first_row(*st, &read_row);
}

Result<bool> AuSessionStore::redeem_fetch(const std::string& key, const std::string& secret_sha256,
                                          const std::string& fetched_at) {
  auto st = db_.prepare(
      "UPDATE au_sessions SET secret_sha256 = ?2, fetched_at = ?3 WHERE key = ?1 AND fetched_at IS NULL");
  if (!st) return st.error();
  st->bind(1, key).bind(2, secret_sha256).bind(3, fetched_at);
  TRELLIS_TRY(st->run());
  return db_.changes() == 1;
}

Status AuSessionStore::update_facts(const std::string& key, const std::string& facts,
                                    const std::optional<std::string>& ended) {
  auto st = db_.prepare("UPDATE au_sessions SET facts = ?2, ended = COALESCE(?3, ended) WHERE key = ?1");
  if (!st) return st.error();
  st->bind(1, key).bind(2, facts).bind(3, ended);
  return st->run();
}

Result<std::vector<AuSessionRow>> AuSessionStore::open_sessions(const std::string& attempt_id) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE attempt_id = ?1 AND ended IS NULL ORDER BY launched_at, key");
  if (!st) return st.error();
  st->bind(1, attempt_id);
  return store::all_rows(*st, &read_row);
}

Result<std::optional<AuSessionRow>> AuSessionStore::latest_session(const std::string& attempt_id) {
  auto st = db_.prepare(std::string(kColumns) + "WHERE attempt_id = ?1 ORDER BY launched_at DESC, rowid DESC LIMIT 1");
  if (!st) return st.error();
  st->bind(1, attempt_id);
  return store::first_row(*st, &read_row);
}

Result<bool> AuSessionStore::mark_satisfied(const std::string& registration_id, const std::string& activity_id,
                                            const std::string& at) {
  auto st = db_.prepare(
      "INSERT INTO satisfied_activities(registration_id, activity_id, satisfied_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT DO NOTHING");
  if (!st) return st.error();
  st->bind(1, registration_id).bind(2, activity_id).bind(3, at);
  TRELLIS_TRY(st->run());
  return db_.changes() == 0;
}

}  // namespace trellis::player
