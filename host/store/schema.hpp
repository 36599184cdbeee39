// Versioned schema migrations, one ordered list per data domain (catalog, records,
// community, plugins, ...), so each domain's data-access layer owns its tables.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::store {

struct Migration {
  int version;      // 1, 2, 3, ... with no gaps
  std::string sql;  // one or more statements
};

struct SchemaDomain {
  std::string name;
  std::vector<Migration> migrations;
  int latest() const { return migrations.empty() ? 0 : migrations.back().version; }
};

// The host's own tables (settings, audit log); every home has them. The list of
// all domains belongs to the composition root (app/schema_registry.hpp).
SchemaDomain host_schema();

struct DomainVersion {
  std::string domain;
  int stored = 0;  // 0: not yet created
  int known = 0;   // latest this build knows; 0 for a domain this build does not know
  std::string written_by;
};

// Versions stored in the database next to what this build knows. Reads only.
Result<std::vector<DomainVersion>> schema_status(Database& db, const std::vector<SchemaDomain>& domains);

// Refuses a database any newer Trellis wrote (a newer version of a known domain, or a
// domain this build does not know) before touching it; then applies every pending
// migration of every domain inside one transaction.
Status migrate(Database& db, const std::vector<SchemaDomain>& domains, const std::string& host_version);

}  // namespace trellis::store
