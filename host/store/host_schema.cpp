// Tables of the host itself: settings of the home and the audit log that every
// administrative change writes to.
#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain host_schema() {
  return SchemaDomain{
      "host",
      {
          {1,
           "CREATE TABLE settings ("
           " key TEXT PRIMARY KEY,"
           " value TEXT NOT NULL);"
           "CREATE TABLE audit_log ("
           " id INTEGER PRIMARY KEY,"
           " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
           " actor TEXT NOT NULL,"
           " action TEXT NOT NULL,"
           " subject TEXT NOT NULL,"
           " detail TEXT NOT NULL DEFAULT '');"},
      }};
}

}  // namespace trellis::store
