// Where each connector's sync stands (table connector_state): the cursor the
// next sync starts from and how the last attempt went, for `trellis connector list`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

struct ConnectorState {
  std::string plugin_id;
  std::string cursor;
  std::optional<std::string> last_attempt_at, last_success_at;
  std::string last_status = "never";  // never | ok | failed | timed out | cancelled | unsupported | busy
  std::string last_error;
  int64_t last_applied = 0, last_deleted = 0, last_refused = 0;
};

Result<std::optional<ConnectorState>> find_connector_state(store::Database& db, const std::string& plugin_id);
Result<std::vector<ConnectorState>> all_connector_states(store::Database& db);
// Inside the transaction that applied the sync's items.
Status record_sync_success(store::Database& db, const std::string& plugin_id, const std::string& cursor,
                           int64_t applied, int64_t deleted, int64_t refused);
// The cursor stays where it was: the next sync repeats what this one tried.
Status record_sync_failure(store::Database& db, const std::string& plugin_id, const std::string& status,
                           const std::string& error, int64_t refused);

}  // namespace trellis::knowledge
