// Data access for the `outbox` domain (see outbox_schema.cpp): destinations'
// cursors and backoff, and the statements waiting for or refused by them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::records {

struct DestinationState {
  std::string name;
  int64_t cursor_seq = 0;
  int64_t failures = 0;      // consecutive runs the destination did not answer
  int64_t next_attempt = 0;  // unix micros; 0: now
  std::string last_error;
  std::string last_run;
};

struct OutboxItem {
  std::string destination;
  int64_t seq = 0;
  std::string statement_id;
  std::string state;  // "pending" | "parked"
  int64_t attempts = 0;
  int64_t next_attempt = 0;
  std::string reason;
  std::string updated;
};

Status add_destination_state(store::Database& db, const std::string& name);
// Removes the destination and its outbox; false when there was none.
Result<bool> remove_destination_state(store::Database& db, const std::string& name);
Result<std::optional<DestinationState>> find_destination_state(store::Database& db, const std::string& name);
Result<std::vector<DestinationState>> list_destination_states(store::Database& db);
Status save_destination_state(store::Database& db, const DestinationState& state);

// Pending items due at `now` (unix micros), oldest first.
Result<std::vector<OutboxItem>> due_items(store::Database& db, const std::string& destination, int64_t now, int limit);
Result<std::vector<OutboxItem>> list_items(store::Database& db, const std::optional<std::string>& destination);
Status put_item(store::Database& db, const OutboxItem& item);
Status remove_item(store::Database& db, const std::string& destination, int64_t seq);
// Drops items whose statement no longer exists (a learner was forgotten): a
// parked item keeps the remote's reason, which may quote the learner. Returns how many.
Result<int> drop_items_of_erased_statements(store::Database& db);
// Makes every item (parked ones included) pending and due now; returns how many.
Result<int> requeue_items(store::Database& db, const std::optional<std::string>& destination);

}  // namespace trellis::records
