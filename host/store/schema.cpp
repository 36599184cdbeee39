#include "store/schema.hpp"

#include <map>

namespace trellis::store {
namespace {

constexpr const char* kCreateSchemaTable =
    "CREATE TABLE IF NOT EXISTS trellis_schema ("
    " domain TEXT PRIMARY KEY,"
    " version INTEGER NOT NULL,"
    " written_by TEXT NOT NULL,"
    " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));";

Result<bool> has_schema_table(Database& db) {
  auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='trellis_schema'");
  if (!st) return st.error();
  return st->step();
}

Result<std::map<std::string, std::pair<int, std::string>>> stored_versions(Database& db) {
  std::map<std::string, std::pair<int, std::string>> out;
  auto exists = has_schema_table(db);
  if (!exists) return exists.error();
  if (!exists.value()) return out;
  auto st = db.prepare("SELECT domain, version, written_by FROM trellis_schema");
  if (!st) return st.error();
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out[st->text(0)] = {static_cast<int>(st->integer(1)), st->text(2)};
  }
  return out;
}

Status refuse_newer(const Database& db, const std::map<std::string, std::pair<int, std::string>>& stored,
                    const std::vector<SchemaDomain>& domains, const std::string& host_version) {
  for (const auto& [name, row] : stored) {
    const SchemaDomain* known = nullptr;
    for (const auto& d : domains)
      if (d.name == name) known = &d;
    const int latest = known != nullptr ? known->latest() : 0;
    if (known == nullptr || row.first > latest) {
      return make_error(ErrorKind::environment,
                        "database '" + db.path().string() + "' was written by Trellis " + row.second + " ('" + name +
                            "' schema version " + std::to_string(row.first) + "); this is Trellis " + host_version +
                            ", which knows " +
                            (known != nullptr ? "up to version " + std::to_string(latest) : std::string("no such schema")) +
                            ". Upgrade Trellis or point --home elsewhere; the database was not changed.");
    }
  }
  return {};
}

}  // namespace

Result<std::vector<DomainVersion>> schema_status(Database& db, const std::vector<SchemaDomain>& domains) {
  auto stored = stored_versions(db);
  if (!stored) return stored.error();
  std::vector<DomainVersion> out;
  for (const auto& d : domains) {
    DomainVersion v{d.name, 0, d.latest(), ""};
    if (auto it = stored->find(d.name); it != stored->end()) {
      v.stored = it->second.first;
      v.written_by = it->second.second;
    }
    out.push_back(v);
  }
  for (const auto& [name, row] : stored.value()) {
    bool known = false;
    for (const auto& d : domains) known = known || d.name == name;
    if (!known) out.push_back({name, row.first, 0, row.second});
  }
  return out;
}

Status migrate(Database& db, const std::vector<SchemaDomain>& domains, const std::string& host_version) {
  // Check before any write (even the journal mode) so a newer database stays untouched.
  auto before = stored_versions(db);
  if (!before) return before.error();
  TRELLIS_TRY(refuse_newer(db, before.value(), domains, host_version));

  TRELLIS_TRY(db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"));

  auto tx = Transaction::begin(db);
  if (!tx) return tx.error();
  TRELLIS_TRY(db.exec(kCreateSchemaTable));
  // Another process may have migrated between our check and BEGIN IMMEDIATE.
  auto stored = stored_versions(db);
  if (!stored) return stored.error();
  TRELLIS_TRY(refuse_newer(db, stored.value(), domains, host_version));

  for (const auto& domain : domains) {
    int current = 0;
    if (auto it = stored->find(domain.name); it != stored->end()) current = it->second.first;
    if (current >= domain.latest()) continue;
    for (const auto& m : domain.migrations) {
      if (m.version <= current) continue;
      if (auto st = db.exec(m.sql); !st)
        return make_error(ErrorKind::internal, "migration " + domain.name + "/" + std::to_string(m.version) +
                                                   " failed: " + st.error().message);
    }
    auto up = db.prepare(
        "INSERT INTO trellis_schema(domain, version, written_by) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(domain) DO UPDATE SET version = excluded.version, written_by = excluded.written_by, "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')");
    if (!up) return up.error();
    up->bind(1, domain.name).bind(2, domain.latest()).bind(3, host_version);
    TRELLIS_TRY(up->run());
  }
  return tx->commit();
}

}  // namespace trellis::store
