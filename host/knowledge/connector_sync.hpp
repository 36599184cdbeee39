// `trellis connector sync`: one connector's changes since its cursor, applied to
// the knowledge index together with the new cursor in one transaction, so a
// failed, cancelled or timed-out sync changes nothing and is simply repeated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/progress.hpp"
#include "knowledge/connector_driver.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

struct SyncReport {
  std::string plugin_id;
  std::string status;  // to_string(CallStatus), or "failed" when applying failed
  std::string error;
  int64_t applied = 0, deleted = 0, refused = 0;
  double elapsed_ms = 0;
  bool ok() const { return status == "ok"; }
  // Not synced because a setting it needs has no value ("not_configured"): a
  // fresh home's bundled connectors, which is no failure.
  bool skipped() const { return status == kNotConfigured; }
  static constexpr const char* kNotConfigured = "not_configured";
};

nlohmann::json to_json(const SyncReport& report);

// The index kind a connector item becomes: discussion -> thread, document, expert, event.
const char* index_kind(int32_t item_kind);

// What a connector still needs before it can sync ("" when nothing): its
// required settings without a value, and how to give them.
Result<std::string> missing_configuration(store::Database& db, const plugins::PluginRecord& plugin);

// Errors are reserved for the database; a connector's failure is a report. A
// connector that is not configured is not called: its report is skipped().
// `progress` hears "fetching from <plugin>" while the connector answers (its
// items come in one call, so no count is known), then "applying items" with the
// items done of those received.
Result<SyncReport> sync_connector(store::Database& db, const ConnectorRef& connector, const ConnectorDriver& driver,
                                  const ProgressFn& progress = {});

// Every enabled connector in turn; one failing does not stop the next.
Result<std::vector<SyncReport>> sync_all(store::Database& db, const std::vector<ConnectorRef>& connectors,
                                         const ConnectorDriver& driver);

// `trellis connector list`: every installed connector plugin (enabled or not)
// with its state, how its last sync went and how many entries it has indexed.
Result<nlohmann::json> connector_status(store::Database& db, const plugins::PluginManager& plugins);

}  // namespace trellis::knowledge
