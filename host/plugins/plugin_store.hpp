// The plugin manager's data-access layer: every SQL statement about plugins,
// their settings, their private storage and trusted publisher keys lives here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "plugins/plugin_settings.hpp"
#include "store/database.hpp"

namespace trellis::plugins {

struct PluginRow {
  std::string id, source, folder, version;
  bool enabled = true;
  std::string signed_by;  // key id, empty when unsigned
  bool unsigned_ok = false;
  std::string status, status_reason;
  std::string previous_folder, previous_version;  // kept for rollback, may be empty
  std::string probed_sha256;  // library proven loadable in a child process
};

struct TrustedKey {
  std::string key_id, public_key, comment, added_at;
};

Result<std::vector<PluginRow>> list_plugin_rows(store::Database& db);
Result<std::optional<PluginRow>> find_plugin_row(store::Database& db, std::string_view id);
// Inserts or replaces an installed plugin's row (keeps nothing of the old one but
// what `row` carries).
Status save_installed_row(store::Database& db, const PluginRow& row);
Status set_plugin_enabled(store::Database& db, std::string_view id, std::string_view source, bool enabled);
Status set_probed(store::Database& db, std::string_view id, std::string_view sha256);
Status delete_plugin_row(store::Database& db, std::string_view id);
// Removes the plugin's settings and key-value data.
Status purge_plugin_data(store::Database& db, std::string_view id);

Result<int64_t> count_plugin_kv(store::Database& db, std::string_view id);

Result<std::vector<TrustedKey>> list_trusted_keys(store::Database& db);
Status add_trusted_key(store::Database& db, const TrustedKey& key);
// False when no such key was trusted.
Result<bool> remove_trusted_key(store::Database& db, std::string_view key_id);

}  // namespace trellis::plugins
