#include "plugins/plugin_store.hpp"

namespace trellis::plugins {
namespace {

constexpr const char* kRowColumns =
    "id, source, folder, version, enabled, COALESCE(signed_by,''), unsigned_ok, status, status_reason, "
    "COALESCE(previous_folder,''), COALESCE(previous_version,''), COALESCE(probed_sha256,'')";

PluginRow read_row(const store::Statement& st) {
  PluginRow r;
  r.id = st.text(0);
  r.source = st.text(1);
  r.folder = st.text(2);
  r.version = st.text(3);
  r.enabled = st.integer(4) != 0;
  r.signed_by = st.text(5);
  r.unsigned_ok = st.integer(6) != 0;
  r.status = st.text(7);
  r.status_reason = st.text(8);
  r.previous_folder = st.text(9);
  r.previous_version = st.text(10);
  r.probed_sha256 = st.text(11);
  return r;
}

Status run(store::Database& db, std::string_view sql, std::initializer_list<std::string_view> args) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  int i = 1;
  for (auto a : args) st->bind(i++, a);
  return st->run();
}

}  // namespace

Result<std::vector<PluginRow>> list_plugin_rows(store::Database& db) {
  auto st = db.prepare(std::string("SELECT ") + kRowColumns + " FROM plugins ORDER BY id");
  if (!st) return st.error();
  std::vector<PluginRow> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out.push_back(read_row(*st));
  }
  return out;
}

Result<std::optional<PluginRow>> find_plugin_row(store::Database& db, std::string_view id) {
  auto st = db.prepare(std::string("SELECT ") + kRowColumns + " FROM plugins WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<PluginRow>{};
  return std::optional<PluginRow>(read_row(*st));
}

Status save_installed_row(store::Database& db, const PluginRow& r) {
  auto st = db.prepare(
      "INSERT INTO plugins(id, source, folder, version, enabled, signed_by, unsigned_ok, status, status_reason, "
      "previous_folder, previous_version, probed_sha256) VALUES(?1,'installed',?2,?3,?4,NULLIF(?5,''),?6,?7,?8,"
      "NULLIF(?9,''),NULLIF(?10,''),NULLIF(?11,'')) "
      "ON CONFLICT(id) DO UPDATE SET source='installed', folder=excluded.folder, version=excluded.version, "
      "enabled=excluded.enabled, signed_by=excluded.signed_by, unsigned_ok=excluded.unsigned_ok, "
      "status=excluded.status, status_reason=excluded.status_reason, previous_folder=excluded.previous_folder, "
      "previous_version=excluded.previous_version, probed_sha256=excluded.probed_sha256, "
      "updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now')");
  if (!st) return st.error();
  st->bind(1, r.id).bind(2, r.folder).bind(3, r.version).bind(4, r.enabled ? 1 : 0).bind(5, r.signed_by);
  st->bind(6, r.unsigned_ok ? 1 : 0).bind(7, r.status).bind(8, r.status_reason).bind(9, r.previous_folder);
  st->bind(10, r.previous_version).bind(11, r.probed_sha256);
  return st->run();
}

Status set_plugin_enabled(store::Database& db, std::string_view id, std::string_view source, bool enabled) {
  // Bundled plugins get a row the first time an admin changes them.
  return run(db,
             "INSERT INTO plugins(id, source, folder, version, enabled) VALUES(?1, ?2, '', '?', ?3) "
             "ON CONFLICT(id) DO UPDATE SET enabled = excluded.enabled, "
             "updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now')",
             {id, source, enabled ? "1" : "0"});
}

Status set_probed(store::Database& db, std::string_view id, std::string_view sha256) {
  return run(db, "UPDATE plugins SET probed_sha256 = ?2 WHERE id = ?1", {id, sha256});
}

Status delete_plugin_row(store::Database& db, std::string_view id) {
  return run(db, "DELETE FROM plugins WHERE id = ?1", {id});
}

Status purge_plugin_data(store::Database& db, std::string_view id) {
  TRELLIS_TRY(run(db, "DELETE FROM plugin_settings WHERE plugin_id = ?1", {id}));
  return run(db, "DELETE FROM plugin_kv WHERE plugin_id = ?1", {id});
}

Result<std::map<std::string, std::string>> plugin_settings(store::Database& db, std::string_view id) {
  auto st = db.prepare("SELECT key, value FROM plugin_settings WHERE plugin_id = ?1 ORDER BY key");
  if (!st) return st.error();
  st->bind(1, id);
  std::map<std::string, std::string> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out[st->text(0)] = st->text(1);
  }
  return out;
}

Status set_plugin_setting(store::Database& db, std::string_view id, std::string_view key, std::string_view value) {
  return run(db,
             "INSERT INTO plugin_settings(plugin_id, key, value) VALUES(?1,?2,?3) "
             "ON CONFLICT(plugin_id, key) DO UPDATE SET value = excluded.value",
             {id, key, value});
}

Result<int64_t> count_plugin_kv(store::Database& db, std::string_view id) {
  auto st = db.prepare("SELECT COUNT(*) FROM plugin_kv WHERE plugin_id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.error();
  return st->integer(0);
}

Result<std::vector<TrustedKey>> list_trusted_keys(store::Database& db) {
  auto st = db.prepare("SELECT key_id, public_key, comment, added_at FROM plugin_trusted_keys ORDER BY key_id");
  if (!st) return st.error();
  std::vector<TrustedKey> out;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out.push_back({st->text(0), st->text(1), st->text(2), st->text(3)});
  }
  return out;
}

Status add_trusted_key(store::Database& db, const TrustedKey& k) {
  return run(db,
             "INSERT INTO plugin_trusted_keys(key_id, public_key, comment) VALUES(?1,?2,?3) "
             "ON CONFLICT(key_id) DO UPDATE SET comment = excluded.comment",
             {k.key_id, k.public_key, k.comment});
}

Result<bool> remove_trusted_key(store::Database& db, std::string_view key_id) {
  TRELLIS_TRY(run(db, "DELETE FROM plugin_trusted_keys WHERE key_id = ?1", {key_id}));
  return db.changes() > 0;
}

}  // namespace trellis::plugins
