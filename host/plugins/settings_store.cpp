#include "plugins/settings_store.hpp"

namespace trellis::plugins {

Result<std::optional<std::string>> find_plugin_setting(store::Database& db, std::string_view plugin_id,
                                                       std::string_view key) {
  auto st = db.prepare("SELECT value FROM plugin_settings WHERE plugin_id = ?1 AND key = ?2");
  if (!st) return st.error();
  st->bind(1, plugin_id).bind(2, key);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->text(0));
}

Status put_plugin_setting(store::Database& db, std::string_view plugin_id, std::string_view key,
                          std::string_view value) {
  auto st = db.prepare(
      "INSERT INTO plugin_settings (plugin_id, key, value) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (plugin_id, key) DO UPDATE SET value = excluded.value");
  if (!st) return st.error();
  st->bind(1, plugin_id).bind(2, key).bind(3, value);
  return st->run();
}

}  // namespace trellis::plugins
