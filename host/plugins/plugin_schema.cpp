// Tables of the plugin manager: what is installed and enabled, each plugin's
// settings and its private key-value storage.
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
      }};
}

}  // namespace trellis::store
