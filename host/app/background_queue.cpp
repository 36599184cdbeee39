#include "app/background_queue.hpp"

#include <exception>

#include "core/log.hpp"

namespace trellis {

BackgroundQueue::BackgroundQueue() : worker_([this] { work(); }) {}

BackgroundQueue::~BackgroundQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (const auto& job : jobs_) log::warn("background", "dropped at shutdown: " + job.what);
    jobs_.clear();
  }
  wake_.notify_all();
  worker_.join();
}

void BackgroundQueue::post(std::string what, std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    jobs_.push_back(Job{std::move(what), std::move(job)});
  }
  wake_.notify_one();
}

void BackgroundQueue::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return jobs_.empty() && !running_job_; });
}

void BackgroundQueue::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (stopping_) break;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    running_job_ = true;
    lock.unlock();
    // A job is the caller's code; whatever it throws stops here, not the host.
    try {
      job.run();
    } catch (const std::exception& e) {
      log::error("background", job.what + " failed: " + e.what());
    } catch (...) {
      log::error("background", job.what + " failed");
    }
    lock.lock();
    running_job_ = false;
    idle_.notify_all();
  }
  running_job_ = false;
  idle_.notify_all();
}

}  // namespace trellis
