// One worker thread that runs jobs in the order they were queued, for work an
// adapter must not wait for (e.g. asking connectors about a just-imported
// course while the upload's answer goes out).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace trellis {

class BackgroundQueue {
 public:
  BackgroundQueue();
  // Jobs still queued are dropped (and logged); the running one finishes.
  ~BackgroundQueue();
  BackgroundQueue(const BackgroundQueue&) = delete;
  BackgroundQueue& operator=(const BackgroundQueue&) = delete;

  // `what` names the job in the log if it throws or is dropped.
  void post(std::string what, std::function<void()> job);
  // Waits until every job queued so far has run (tests, orderly shutdown).
  void drain();

 private:
  struct Job {
    std::string what;
    std::function<void()> run;
  };
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Job> jobs_;
  bool running_job_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace trellis
