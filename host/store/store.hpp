// Opens the home's database ready for use: created if absent, refused if a newer
// Trellis wrote it, migrated, WAL and foreign keys on.
#pragma once

#include "core/home.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

namespace trellis::store {

// `domains`: the schemas the home carries, in migration order.
Result<Database> open_home_database(const Home& home, const std::vector<SchemaDomain>& domains);

// Host-level settings of the home (e.g. "import.schema_dir").
Result<std::optional<std::string>> get_setting(Database& db, std::string_view key);
Status set_setting(Database& db, std::string_view key, std::string_view value);

// One line in the audit log; call inside the transaction of the change it records.
Status audit(Database& db, std::string_view actor, std::string_view action, std::string_view subject,
             std::string_view detail = {});

}  // namespace trellis::store
