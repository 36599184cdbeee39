// Continuous forwarding to other LRSs through the lrs-forward exporter plugin.
// Per destination: statements go in stored order from a persisted cursor; what
// the destination refuses is parked in the outbox with its reason, what it could
// not take yet waits there with exponential backoff; when the destination does
// not answer at all the cursor stays put and the whole destination backs off.
// Every batch's outcome and the cursor move commit in one transaction, so a
// killed process resumes where it stopped (at worst re-sending one batch, which
// statement ids make harmless).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "plugins/manager.hpp"
#include "store/database.hpp"

namespace trellis::records {

struct ForwardOptions {
  int batch_size = 100;
  bool ignore_backoff = false;      // one-shot runs by an admin try now
  std::function<bool()> stop;       // checked between batches; may be empty
};

struct ForwardSummary {
  std::string destination;
  int64_t delivered = 0;
  int64_t parked = 0;
  int64_t pending = 0;  // handed over but to be retried
  int64_t cursor = 0;
  bool backing_off = false;  // the destination did not answer; nothing moved
  std::string error;
};

Result<ForwardSummary> forward_destination(store::Database& db, plugins::PluginManager& plugins,
                                           const std::string& name, const ForwardOptions& options);
// Every configured destination, one after the other.
Result<std::vector<ForwardSummary>> forward_all(store::Database& db, plugins::PluginManager& plugins,
                                                const ForwardOptions& options);

// Delays before the next attempt, in microseconds: 5 s doubling to 1 h for a
// silent destination, 30 s doubling to 6 h for a statement to retry.
int64_t destination_backoff(int64_t failures);
int64_t item_backoff(int64_t attempts);

}  // namespace trellis::records
