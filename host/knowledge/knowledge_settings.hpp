// The host settings of knowledge search and connectors (`trellis settings set`),
// read and checked in one place so a bad value is refused when it is set.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

struct KnowledgeSettings {
  std::chrono::milliseconds connector_timeout{5000};   // connector.timeout_ms: per search/fetch/sync call
  std::chrono::milliseconds sync_timeout{120000};     // connector.sync_timeout_ms: per sync call
  std::chrono::seconds sync_interval{15 * 60};         // connector.sync_interval: 90, 90s, 15m, 2h; 0 = off
  size_t max_sync_items = 100000;                      // connector.max_sync_items: more fails the sync
  std::optional<double> auto_attach_score;             // knowledge.auto_attach_score: 0..1; unset = never
};

// Refuses (invalid_input, naming the setting) a value that does not parse.
Result<KnowledgeSettings> load_knowledge_settings(store::Database& db);

}  // namespace trellis::knowledge
