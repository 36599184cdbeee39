#include "knowledge/connector_state_store.hpp"

namespace trellis::knowledge {
namespace {

constexpr const char* kColumns =
    "plugin_id, cursor, last_attempt_at, last_success_at, last_status, last_error, last_applied, last_deleted,"
    " last_refused";

ConnectorState read_row(store::Statement& st) {
  return ConnectorState{st.text(0),    st.text(1),    st.optional_text(2), st.optional_text(3), st.text(4),
                        st.text(5),    st.integer(6), st.integer(7),       st.integer(8)};
}

}  // namespace

Result<std::optional<ConnectorState>> find_connector_state(store::Database& db, const std::string& plugin_id) {
  auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM connector_state WHERE plugin_id = ?1");
  if (!st) return st.error();
  st->bind(1, plugin_id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<ConnectorState>{};
  return std::optional<ConnectorState>{read_row(*st)};
}

Result<std::vector<ConnectorState>> all_connector_states(store::Database& db) {
  auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM connector_state ORDER BY plugin_id");
  if (!st) return st.error();
  std::vector<ConnectorState> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read_row(*st));
  }
}

Status record_sync_success(store::Database& db, const std::string& plugin_id, const std::string& cursor,
                           int64_t applied, int64_t deleted, int64_t refused) {
  auto st = db.prepare(
      "INSERT INTO connector_state(plugin_id, cursor, last_attempt_at, last_success_at, last_status, last_error,"
      " last_applied, last_deleted, last_refused)"
      " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now'), 'ok', '', ?3, ?4, ?5)"
      " ON CONFLICT(plugin_id) DO UPDATE SET cursor = excluded.cursor, last_attempt_at = excluded.last_attempt_at,"
      " last_success_at = excluded.last_success_at, last_status = 'ok', last_error = '',"
      " last_applied = excluded.last_applied, last_deleted = excluded.last_deleted, last_refused = excluded.last_refused");
  if (!st) return st.error();
  st->bind(1, plugin_id).bind(2, cursor).bind(3, applied).bind(4, deleted).bind(5, refused);
  return st->run();
}

Status record_sync_failure(store::Database& db, const std::string& plugin_id, const std::string& status,
                           const std::string& error, int64_t refused) {
  auto st = db.prepare(
      "INSERT INTO connector_state(plugin_id, last_attempt_at, last_status, last_error, last_refused)"
      " VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?2, ?3, ?4)"
      " ON CONFLICT(plugin_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,"
      " last_status = excluded.last_status, last_error = excluded.last_error, last_applied = 0, last_deleted = 0,"
      " last_refused = excluded.last_refused");
  if (!st) return st.error();
  st->bind(1, plugin_id).bind(2, status).bind(3, error).bind(4, refused);
  return st->run();
}

}  // namespace trellis::knowledge
