// Forwarding inside `trellis serve`: a background thread that runs every
// destination through the forwarder, sleeps for the interval (host setting
// `records.forward_interval_seconds`, default 15) and stops between batches when
// the server stops.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/runtime.hpp"

namespace trellis::records {

class ForwardWorker {
 public:
  explicit ForwardWorker(Runtime& runtime);
  ~ForwardWorker();
  ForwardWorker(const ForwardWorker&) = delete;
  ForwardWorker& operator=(const ForwardWorker&) = delete;

  // Finishes the batch in flight, then returns. Any thread; idempotent.
  void stop();

 private:
  void run(plugins::PluginManager* plugins, int interval_seconds);
  bool stopping();

  Runtime& runtime_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace trellis::records
