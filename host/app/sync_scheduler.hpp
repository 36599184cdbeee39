// While `trellis serve` runs: every enabled connector is synced every
// connector.sync_interval (read again each round, so a change applies without a
// restart). Stopping cancels a sync in flight and returns promptly.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/runtime.hpp"

namespace trellis::knowledge {

class SyncScheduler {
 public:
  explicit SyncScheduler(Runtime& runtime);
  ~SyncScheduler();
  SyncScheduler(const SyncScheduler&) = delete;
  SyncScheduler& operator=(const SyncScheduler&) = delete;
  void stop();

 private:
  void run();
  void sync_round();
  Runtime& runtime_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace trellis::knowledge
