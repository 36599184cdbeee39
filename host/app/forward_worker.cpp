#include "app/forward_worker.hpp"

#include <chrono>

#include "core/log.hpp"
#include "records/forward_settings.hpp"
#include "records/forwarder.hpp"

namespace trellis::records {

ForwardWorker::ForwardWorker(Runtime& runtime) : runtime_(runtime) {
  int interval = kDefaultForwardIntervalSeconds;
  if (auto v = load_forward_interval(runtime.db); v)
    interval = static_cast<int>(v->count());
  else
    log::warn("records", v.error().message + "; forwarding every " + std::to_string(interval) + " s");
  // Plugins load here, on the serving thread, before the worker exists.
  auto plugins = runtime.plugins();
  if (!plugins) {
    log::warn("records", "forwarding is off: " + plugins.error().message);
    return;
  }
  thread_ = std::thread([this, p = *plugins, interval] { run(p, interval); });
}

ForwardWorker::~ForwardWorker() { stop(); }

void ForwardWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ForwardWorker::stopping() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_;
}

void ForwardWorker::run(plugins::PluginManager* plugins, int interval_seconds) {
  ForwardOptions options;
  options.stop = [this] { return stopping(); };
  while (!stopping()) {
    auto lease = runtime_.pool.acquire();
    if (lease) {
      auto summaries = forward_all(**lease, *plugins, options);
      if (!summaries) {
        log::warn("records", "forwarding failed: " + summaries.error().message);
      } else {
        for (const auto& s : *summaries) {
          if (s.delivered || s.parked || s.pending)
            log::info("records", "forwarded to " + s.destination + ": " + std::to_string(s.delivered) + " delivered, " +
                                     std::to_string(s.parked) + " parked, " + std::to_string(s.pending) + " to retry");
          if (!s.error.empty() && !s.backing_off) log::warn("records", s.destination + ": " + s.error);
        }
      }
    }
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::seconds(interval_seconds), [this] { return stopping_; });
  }
}

}  // namespace trellis::records
