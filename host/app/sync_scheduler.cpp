#include "app/sync_scheduler.hpp"

#include "core/log.hpp"
#include "knowledge/connector_sync.hpp"
#include "knowledge/knowledge_settings.hpp"

namespace trellis::knowledge {

SyncScheduler::SyncScheduler(Runtime& runtime) : runtime_(runtime) { thread_ = std::thread([this] { run(); }); }

SyncScheduler::~SyncScheduler() { stop(); }

void SyncScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncScheduler::run() {
  for (;;) {
    std::chrono::seconds interval{60};  // when off or unreadable, look at the setting again in a minute
    bool enabled = false;
    if (auto lease = runtime_.pool.acquire(); lease) {
      auto settings = load_knowledge_settings(**lease);
      if (!settings)
        log::warn("connector", "scheduled sync: " + settings.error().message);
      else if (settings->sync_interval.count() > 0)
        interval = settings->sync_interval, enabled = true;
    }
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, interval, [this] { return stopping_.load(); })) return;
    }
    if (enabled) sync_round();
  }
}

void SyncScheduler::sync_round() {
  auto lease = runtime_.pool.acquire();
  if (!lease) return log::warn("connector", "scheduled sync: " + lease.error().message);
  auto settings = load_knowledge_settings(**lease);
  if (!settings) return;
  auto manager = runtime_.plugins();
  if (!manager) return log::warn("connector", "scheduled sync: " + manager.error().message);
  ConnectorDriver driver(driver_options(*settings, &stopping_));
  for (const auto& connector : manager.value()->connectors()) {
    if (stopping_) return;
    auto report = sync_connector(**lease, connector, driver);
    if (!report) log::warn("connector", "scheduled sync of '" + connector.plugin->id + "': " + report.error().message);
  }
}

}  // namespace trellis::knowledge
