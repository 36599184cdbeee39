// Tables of the plugin manager: what is installed and enabled, each plugin's
// settings and its private key-value storage.
#include "plugins/plugin_schema.hpp"

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain plugins_schema() {
  return SchemaDomain{
      "plugins",
      {
          {1,
           "CREATE TABLE plugins ("
           " id TEXT PRIMARY KEY,"
           " source TEXT NOT NULL CHECK (source IN ('bundled','installed')),"
           " folder TEXT NOT NULL,"
           " version TEXT NOT NULL,"
           " enabled INTEGER NOT NULL DEFAULT 1,"
           " signed_by TEXT,"
           " status TEXT NOT NULL DEFAULT 'unknown',"
           " status_reason TEXT NOT NULL DEFAULT '',"
           " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));"
           "CREATE TABLE plugin_settings ("
           " plugin_id TEXT NOT NULL,"
           " key TEXT NOT NULL,"
           " value TEXT NOT NULL,"
           " PRIMARY KEY (plugin_id, key));"
           "CREATE TABLE plugin_kv ("
           " plugin_id TEXT NOT NULL,"
           " key TEXT NOT NULL,"
           " value BLOB NOT NULL,"
           " PRIMARY KEY (plugin_id, key));"},
          // Install/upgrade bookkeeping: the version kept for rollback, whether the
          // admin accepted an unsigned plugin, the library already proven in a child
          // process; and the publisher keys the admin trusts.
          {2,
           "ALTER TABLE plugins ADD COLUMN previous_folder TEXT;"
           "ALTER TABLE plugins ADD COLUMN previous_version TEXT;"
           "ALTER TABLE plugins ADD COLUMN unsigned_ok INTEGER NOT NULL DEFAULT 0;"
           "ALTER TABLE plugins ADD COLUMN probed_sha256 TEXT;"
           "CREATE TABLE plugin_trusted_keys ("
           " key_id TEXT PRIMARY KEY,"
           " public_key TEXT NOT NULL,"
           " comment TEXT NOT NULL DEFAULT '',"
           " added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));"},
          // Checksums of plugin libraries with the file identity they were read at
          // (plugins/library_checksum.hpp), so a start re-hashes only what changed.
          {3,
           "CREATE TABLE plugin_library_checks ("
           " path TEXT PRIMARY KEY,"
           " identity TEXT NOT NULL,"
           " sha256 TEXT NOT NULL);"},
      }};
}

}  // namespace trellis::store
