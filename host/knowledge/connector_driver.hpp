// Calls connector plugins (search, fetch, sync) so that none can hold the host
// up: each call runs on its own thread with a deadline; at the deadline its
// trellis_cancel turns true and the caller stops waiting (the call is abandoned,
// whatever it sends later is discarded). Items are checked at the boundary
// (plugins/item_validator.hpp); a refused item is counted and logged with the
// plugin and the item's ref, and the call goes on.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/knowledge_settings.hpp"
#include "plugins/item_validator.hpp"
#include "plugins/manager.hpp"

namespace trellis::knowledge {

using ConnectorRef = plugins::Capability<trellis_connector_v1>;

// The enabled connector with that plugin id, or nullptr.
const ConnectorRef* find_connector(const std::vector<ConnectorRef>& connectors, std::string_view plugin_id);

struct ConnectorQuery {
  std::string course_id, module_id, title, description, keywords, language, text, objectives;
  uint32_t max_results = 10;
  uint32_t kinds = 0;  // bit set of (1u << TRELLIS_ITEM_*); 0 = every kind
};

// What `post` asks a connector to open outside.
struct ThreadDraft {
  std::string course_id, module_id, title, body, author, tags;
};

enum class CallStatus { ok, failed, timed_out, cancelled, unsupported, busy };
std::string_view to_string(CallStatus status);

struct CallOutcome {
  std::string plugin_id;
  CallStatus status = CallStatus::failed;
  std::string error;  // why, whenever status is not ok
  std::vector<plugins::ItemCopy> items;
  size_t refused = 0;
  std::string next_cursor;  // sync only
  double elapsed_ms = 0;
};

struct DriverOptions {
  std::chrono::milliseconds deadline{5000};        // search and fetch
  std::chrono::milliseconds sync_deadline{120000};  // a first sync may hand over a whole source
  size_t max_sync_items = 100000;
  // Turns every call's cancel true when set (the server shutting down).
  const std::atomic<bool>* stop = nullptr;
};

DriverOptions driver_options(const KnowledgeSettings& settings, const std::atomic<bool>* stop = nullptr);

class ConnectorDriver {
 public:
  explicit ConnectorDriver(DriverOptions options) : options_(options) {}

  // Every connector at once; returns when all answered or the deadline passed,
  // one outcome per connector in the order given.
  std::vector<CallOutcome> search_all(const std::vector<ConnectorRef>& connectors, const ConnectorQuery& query) const;
  CallOutcome fetch(const ConnectorRef& connector, std::string_view ref) const;
  // Never two syncs of one plugin at once, even when an abandoned one is still
  // running inside the plugin: the second is refused as busy.
  CallOutcome sync(const ConnectorRef& connector, std::string_view cursor) const;
  // Opens a thread in the outside community; the created item comes back in
  // `items` (at most one). Unsupported when the connector's source is read-only.
  CallOutcome post(const ConnectorRef& connector, const ThreadDraft& draft) const;

  // Waits up to `grace` for abandoned calls to return, so plugins are not shut
  // down under them. Returns how many are still running.
  static size_t wait_for_abandoned(std::chrono::milliseconds grace);

 private:
  DriverOptions options_;
};

// For logs and errors: `s` cut to `max` bytes, bytes that are not UTF-8 shown as \xNN.
std::string printable(std::string_view s, size_t max = 120);

}  // namespace trellis::knowledge
