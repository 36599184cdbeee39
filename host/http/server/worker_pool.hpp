// The handlers' threads: a fixed number of workers and a bounded queue. A task
// that finds the queue full is refused at once (the caller answers 503), so a
// burst never turns into unbounded memory or unbounded waiting.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace trellis::http {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t queue_limit);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the queue is full or the pool is stopping; the task is dropped.
  bool try_submit(std::function<void()> task);
  void stop();  // lets queued tasks run, then joins the workers

  size_t queued() const;
  size_t busy() const;

 private:
  void work();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  size_t queue_limit_;
  size_t busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace trellis::http
