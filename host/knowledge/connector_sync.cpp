#include "knowledge/connector_sync.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/log.hpp"
#include "knowledge/connector_state_store.hpp"
#include "knowledge/index_store.hpp"
#include "plugins/plugin_settings.hpp"

namespace trellis::knowledge {

nlohmann::json to_json(const SyncReport& r) {
  return {{"plugin", r.plugin_id}, {"status", r.status}, {"error", r.error}, {"applied", r.applied},
          {"deleted", r.deleted}, {"refused", r.refused}, {"elapsed_ms", static_cast<int64_t>(r.elapsed_ms)}};
}

const char* index_kind(int32_t kind) {
  switch (kind) {
    case TRELLIS_ITEM_DISCUSSION: return "thread";
    case TRELLIS_ITEM_EXPERT: return "expert";
    case TRELLIS_ITEM_EVENT: return "event";
    default: return "document";
  }
}

namespace {

Status apply(store::Database& db, const CallOutcome& outcome, SyncReport& report, const ProgressFn& progress) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  const uint64_t total = outcome.items.size();
  uint64_t done = 0;
  for (const auto& item : outcome.items) {
    report_progress(progress, "applying items", done++, total);
    if (item.ref.empty()) {  // it could never be updated or deleted later
      if (report.refused++ < 10)
        log::warn("connector", "plugin '" + outcome.plugin_id + "': item '" + printable(item.title, 80) +
                                   "' refused: a synced item needs a ref");
      continue;
    }
    if (item.deleted) {
      TRELLIS_TRY(remove_ref(db, outcome.plugin_id, item.ref));
      ++report.deleted;
      continue;
    }
    IndexEntry e{index_kind(item.kind), outcome.plugin_id, item.ref, item.title, item.body.empty() ? item.snippet : item.body,
                 item.url, item.tags, item.author, item.updated, std::nullopt, std::nullopt};
    // A kind change keeps one entry per ref: the old kind's entry goes.
    TRELLIS_TRY(remove_ref(db, outcome.plugin_id, item.ref));
    TRELLIS_TRY(put_entry(db, e));
    ++report.applied;
  }
  report_progress(progress, "applying items", done, total);
  TRELLIS_TRY(record_sync_success(db, outcome.plugin_id, outcome.next_cursor, report.applied, report.deleted,
                                  report.refused));
  return tx->commit();
}

}  // namespace

Result<std::string> missing_configuration(store::Database& db, const plugins::PluginRecord& plugin) {
  if (!plugin.manifest) return std::string();
  auto stored = plugins::plugin_settings(db, plugin.id);
  if (!stored) return stored.error();
  auto missing = plugins::unset_required_settings(*plugin.manifest, *stored);
  if (missing.empty()) return std::string();
  std::string names, example;
  for (const auto& name : missing) {
    names += (names.empty() ? "" : ", ") + name;
    example += " " + name + "=...";
  }
  return "not configured: set " + names + " with `trellis plugin configure " + plugin.id + example + "`";
}

Result<SyncReport> sync_connector(store::Database& db, const ConnectorRef& connector, const ConnectorDriver& driver,
                                  const ProgressFn& progress) {
  SyncReport report;
  report.plugin_id = connector.plugin->id;
  auto missing = missing_configuration(db, *connector.plugin);
  if (!missing) return missing.error();
  if (!missing->empty()) {
    // Nothing to fetch from, and nothing wrong: no call, no warning, no failure recorded.
    report.status = SyncReport::kNotConfigured;
    report.error = *missing;
    return report;
  }
  auto state = find_connector_state(db, report.plugin_id);
  if (!state) return state.error();
  std::string cursor = state->has_value() ? (*state)->cursor : std::string();
  report_progress(progress, "fetching from " + report.plugin_id);
  auto outcome = driver.sync(connector, cursor);
  report.elapsed_ms = outcome.elapsed_ms;
  report.refused = static_cast<int64_t>(outcome.refused);
  report.status = std::string(to_string(outcome.status));
  report.error = outcome.error;
  if (report.status == "ok") {
    if (auto st = apply(db, outcome, report, progress); !st) {
      report.applied = report.deleted = 0;
      report.status = "failed";
      report.error = "applying the sync of '" + report.plugin_id + "' failed: " + st.error().message;
    }
  }
  if (!report.ok()) {
    log::warn("connector", "sync of '" + report.plugin_id + "': " + report.error);
    TRELLIS_TRY(record_sync_failure(db, report.plugin_id, report.status, report.error, report.refused));
  } else {
    log::info("connector", "synced '" + report.plugin_id + "': " + std::to_string(report.applied) + " applied, " +
                               std::to_string(report.deleted) + " deleted, " + std::to_string(report.refused) +
                               " refused");
  }
  return report;
}

Result<std::vector<SyncReport>> sync_all(store::Database& db, const std::vector<ConnectorRef>& connectors,
                                         const ConnectorDriver& driver) {
  std::vector<SyncReport> out;
  for (const auto& c : connectors) {
    auto r = sync_connector(db, c, driver);
    if (!r) return r.error();
    out.push_back(std::move(r).value());
  }
  return out;
}

Result<nlohmann::json> connector_status(store::Database& db, const plugins::PluginManager& plugins) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : plugins.plugins()) {
    if (!p->manifest) continue;
    const auto& caps = p->manifest->capabilities;
    if (std::find(caps.begin(), caps.end(), TRELLIS_CAPABILITY_CONNECTOR) == caps.end()) continue;
    auto state = find_connector_state(db, p->id);
    if (!state) return state.error();
    auto indexed = count_source(db, p->id);
    if (!indexed) return indexed.error();
    ConnectorState s = state->value_or(ConnectorState{});
    auto missing = missing_configuration(db, *p);
    if (!missing) return missing.error();
    if (!missing->empty()) s.last_status = SyncReport::kNotConfigured, s.last_error = *missing;
    auto optional = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    out.push_back({{"id", p->id}, {"enabled", p->enabled}, {"state", p->state}, {"reason", p->reason},
                   {"last_attempt_at", optional(s.last_attempt_at)}, {"last_sync_at", optional(s.last_success_at)},
                   {"status", s.last_status}, {"error", s.last_error}, {"applied", s.last_applied},
                   {"deleted", s.last_deleted}, {"refused", s.last_refused}, {"indexed", *indexed}});
  }
  return out;
}

}  // namespace trellis::knowledge
