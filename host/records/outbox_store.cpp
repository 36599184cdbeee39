#include "records/outbox_store.hpp"

namespace trellis::records {
namespace {

constexpr const char* kItemColumns =
    "destination, seq, statement_id, state, attempts, next_attempt, reason, updated";

OutboxItem read_item(store::Statement& st) {
  return {st.text(0), st.integer(1), st.text(2), st.text(3), st.integer(4), st.integer(5), st.text(6), st.text(7)};
}

DestinationState read_destination(store::Statement& st) {
  return {st.text(0), st.integer(1), st.integer(2), st.integer(3), st.text(4), st.text(5)};
}

template <typename T, typename Read>
Result<std::vector<T>> collect(store::Statement& st, Read read) {
  std::vector<T> out;
  while (true) {
    auto row = st.step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read(st));
  }
}

constexpr const char* kDestinationColumns = "name, cursor_seq, failures, next_attempt, last_error, last_run";

}  // namespace

Status add_destination_state(store::Database& db, const std::string& name) {
  auto st = db.prepare("INSERT OR IGNORE INTO forward_destinations (name) VALUES (?1)");
  if (!st) return st.error();
  st->bind(1, name);
  return st->run();
}

Result<bool> remove_destination_state(store::Database& db, const std::string& name) {
  auto st = db.prepare("DELETE FROM forward_destinations WHERE name = ?1");
  if (!st) return st.error();
  st->bind(1, name);
  TRELLIS_TRY(st->run());
  return db.changes() > 0;
}

Result<std::optional<DestinationState>> find_destination_state(store::Database& db, const std::string& name) {
  auto st = db.prepare(std::string("SELECT ") + kDestinationColumns + " FROM forward_destinations WHERE name = ?1");
  if (!st) return st.error();
  st->bind(1, name);
  auto all = collect<DestinationState>(*st, read_destination);
  if (!all) return all.error();
  if (all->empty()) return std::optional<DestinationState>();
  return std::optional<DestinationState>(all->front());
}

Result<std::vector<DestinationState>> list_destination_states(store::Database& db) {
  auto st = db.prepare(std::string("SELECT ") + kDestinationColumns + " FROM forward_destinations ORDER BY name");
  if (!st) return st.error();
  return collect<DestinationState>(*st, read_destination);
}

Status save_destination_state(store::Database& db, const DestinationState& s) {
  auto st = db.prepare(
      "UPDATE forward_destinations SET cursor_seq = ?2, failures = ?3, next_attempt = ?4, last_error = ?5,"
      " last_run = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE name = ?1");
  if (!st) return st.error();
  st->bind(1, s.name).bind(2, s.cursor_seq).bind(3, s.failures).bind(4, s.next_attempt).bind(5, s.last_error);
  return st->run();
}

Result<std::vector<OutboxItem>> due_items(store::Database& db, const std::string& destination, int64_t now, int limit) {
  auto st = db.prepare(std::string("SELECT ") + kItemColumns +
                       " FROM outbox WHERE destination = ?1 AND state = 'pending' AND next_attempt <= ?2"
                       " ORDER BY seq LIMIT ?3");
  if (!st) return st.error();
  st->bind(1, destination).bind(2, now).bind(3, limit);
  return collect<OutboxItem>(*st, read_item);
}

Result<std::vector<OutboxItem>> list_items(store::Database& db, const std::optional<std::string>& destination) {
  auto st = db.prepare(std::string("SELECT ") + kItemColumns +
                       " FROM outbox WHERE ?1 IS NULL OR destination = ?1 ORDER BY destination, seq");
  if (!st) return st.error();
  st->bind(1, destination);
  return collect<OutboxItem>(*st, read_item);
}

Status put_item(store::Database& db, const OutboxItem& i) {
  auto st = db.prepare(
      "INSERT INTO outbox (destination, seq, statement_id, state, attempts, next_attempt, reason)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (destination, seq) DO UPDATE SET state = excluded.state,"
      " attempts = excluded.attempts, next_attempt = excluded.next_attempt, reason = excluded.reason,"
      " updated = strftime('%Y-%m-%dT%H:%M:%fZ','now')");
  if (!st) return st.error();
  st->bind(1, i.destination).bind(2, i.seq).bind(3, i.statement_id).bind(4, i.state).bind(5, i.attempts);
  st->bind(6, i.next_attempt).bind(7, i.reason);
  return st->run();
}

Status remove_item(store::Database& db, const std::string& destination, int64_t seq) {
  auto st = db.prepare("DELETE FROM outbox WHERE destination = ?1 AND seq = ?2");
  if (!st) return st.error();
  st->bind(1, destination).bind(2, seq);
  return st->run();
}

Result<int> drop_items_of_erased_statements(store::Database& db) {
  TRELLIS_TRY(
      db.exec("DELETE FROM outbox WHERE NOT EXISTS (SELECT 1 FROM statements WHERE statements.seq = outbox.seq)"));
  return db.changes();
}

Result<int> requeue_items(store::Database& db, const std::optional<std::string>& destination) {
  auto st = db.prepare(
      "UPDATE outbox SET state = 'pending', next_attempt = 0, updated = strftime('%Y-%m-%dT%H:%M:%fZ','now')"
      " WHERE ?1 IS NULL OR destination = ?1");
  if (!st) return st.error();
  st->bind(1, destination);
  TRELLIS_TRY(st->run());
  return db.changes();
}

}  // namespace trellis::records
