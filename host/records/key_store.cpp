#include "records/key_store.hpp"

namespace trellis::records {
namespace {

LrsKey read_key(store::Statement& st) {
  return LrsKey{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.optional_text(5)};
}

}  // namespace

Status insert_key(store::Database& db, const LrsKey& key) {
  auto st = db.prepare("INSERT INTO lrs_keys(key, name, secret_hash, scopes) VALUES(?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, key.key).bind(2, key.name).bind(3, key.secret_hash).bind(4, key.scopes);
  return st->run();
}

Result<std::vector<LrsKey>> list_keys(store::Database& db) {
  auto st = db.prepare("SELECT key, name, secret_hash, scopes, created, revoked FROM lrs_keys ORDER BY created, key");
  if (!st) return st.error();
  std::vector<LrsKey> keys;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return keys;
    keys.push_back(read_key(*st));
  }
}

Result<std::optional<LrsKey>> find_key(store::Database& db, const std::string& key) {
  auto st = db.prepare("SELECT key, name, secret_hash, scopes, created, revoked FROM lrs_keys WHERE key = ?1");
  if (!st) return st.error();
  st->bind(1, key);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<LrsKey>();
  return std::optional<LrsKey>(read_key(*st));
}

Status revoke_key(store::Database& db, const std::string& key) {
  auto st = db.prepare(
      "UPDATE lrs_keys SET revoked = COALESCE(revoked, strftime('%Y-%m-%dT%H:%M:%fZ','now')) WHERE key = ?1");
  if (!st) return st.error();
  st->bind(1, key);
  TRELLIS_TRY(st->run());
  if (db.changes() == 0) return make_error(ErrorKind::not_found, "no LRS key '" + key + "'");
  return {};
}

}  // namespace trellis::records
