#include "store/store.hpp"

#include <string>

#include "core/log.hpp"
#include "core/version.hpp"
#include "store/schema.hpp"
#include "store/wal_limit.hpp"

namespace trellis::store {

Result<Database> open_home_database(const Home& home, const std::vector<SchemaDomain>& domains) {
  auto db = Database::open(home.database());
  if (!db) return db.error();
  if (auto st = migrate(db.value(), domains, kHostVersion); !st) return st.error();
  // A log that an earlier run left large (a crash, readers under load) is copied
  // in and emptied now, unless another process is using it at this moment.
  auto left = wal_file_size(home.database());
  if (left > static_cast<std::uintmax_t>(kWalLimitBytes) && truncate_wal_if_idle(db->raw()))
    log::info("store", "emptied a write-ahead log of " + std::to_string(left / (1024 * 1024)) +
                           " MiB left by an earlier run");
  return std::move(db).value();
}

Result<std::optional<std::string>> get_setting(Database& db, std::string_view key) {
  auto st = db.prepare("SELECT value FROM settings WHERE key = ?1");
  if (!st) return st.error();
  st->bind(1, key);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<std::string>{};
  return std::optional<std::string>{st->text(0)};
}

Status set_setting(Database& db, std::string_view key, std::string_view value) {
  auto st = db.prepare(
      "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st) return st.error();
  st->bind(1, key).bind(2, value);
  return st->run();
}

Status audit(Database& db, std::string_view actor, std::string_view action, std::string_view subject,
             std::string_view detail) {
  auto st = db.prepare("INSERT INTO audit_log(actor, action, subject, detail) VALUES(?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, actor).bind(2, action).bind(3, subject).bind(4, detail);
  return st->run();
}

}  // namespace trellis::store
