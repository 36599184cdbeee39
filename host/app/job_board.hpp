// Long work (imports, exports, syncs, conversions) as jobs: submitted from an
// adapter, run on a lane of its own off the HTTP threads, observable while it
// runs (state, progress, result, error) by polling or by waiting for the next
// change (Server-Sent Events), and cancellable. Jobs live in memory: a restart
// forgets them, and the work each kind does recovers on its own (an interrupted
// import is cleaned up at start).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "core/result.hpp"

namespace trellis {

enum class JobState { queued, running, succeeded, failed, cancelled };
std::string_view job_state_name(JobState state);

struct JobSnapshot {
  std::string id;
  std::string kind;   // "import", "export", "sync"
  std::string owner;  // the key that submitted it
  JobState state = JobState::queued;
  uint64_t done = 0;   // progress in the job's own unit (0/0: indeterminate)
  uint64_t total = 0;
  std::string step;    // what it is doing now, for a person
  nlohmann::json result;  // when succeeded (or failed with a report)
  std::string error;      // when failed
  int status_hint = 0;    // the HTTP status its synchronous form would have answered
  std::string location;   // what it made, when it made a resource (a course)
  int64_t created_micros = 0, started_micros = 0, finished_micros = 0;
  uint64_t revision = 0;  // grows with every change
  bool finished() const { return state == JobState::succeeded || state == JobState::failed || state == JobState::cancelled; }
  nlohmann::json to_json() const;
};

// What a job's work sees. Calls are cheap; report as often as is useful.
class JobProgress {
 public:
  virtual ~JobProgress() = default;
  virtual void report(uint64_t done, uint64_t total, std::string step) = 0;
  virtual bool cancel_requested() const = 0;
  // The job's own id, for work that names what it makes after its job (an export's file).
  virtual const std::string& job_id() const = 0;
  // report() in the shape domain code takes (core/progress.hpp); valid while this object is.
  ProgressFn as_progress_fn() {
    return [this](std::string_view step, uint64_t done, uint64_t total) { report(done, total, std::string(step)); };
  }
};

struct JobOutcome {
  nlohmann::json result;
  int status_hint = 200;
  bool failed = false;        // a handled failure with a report (a rejected package)
  std::string error;          // its one-line reason
  std::string location;       // the resource it made, if any
};

using JobWork = std::function<Result<JobOutcome>(JobProgress&)>;

class JobBoard {
 public:
  // `lanes`: each named lane runs its jobs one at a time, in order (importers
  // are called one at a time by contract, so imports share one lane).
  explicit JobBoard(std::vector<std::string> lanes = {"import", "work"});
  // Cancels what is queued, lets running jobs finish, joins.
  ~JobBoard();
  JobBoard(const JobBoard&) = delete;
  JobBoard& operator=(const JobBoard&) = delete;

  // `cleanup` runs once the job has ended or was dropped, whatever happened
  // (removing its input file, say).
  std::string submit(std::string lane, std::string kind, std::string owner, JobWork work,
                     std::function<void()> cleanup = {});
  std::optional<JobSnapshot> get(const std::string& id) const;
  // Returns once the job's revision passes `seen_revision` or `timeout` passes.
  std::optional<JobSnapshot> wait_for_change(const std::string& id, uint64_t seen_revision,
                                             std::chrono::milliseconds timeout) const;
  // A queued job is cancelled at once; a running one is asked to stop.
  bool cancel(const std::string& id);
  std::vector<JobSnapshot> list() const;

 private:
  struct Job;
  struct Lane;
  class Progress;
  void run_lane(Lane& lane);
  void touch(Job& job);
  void forget_old();

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::string> finished_order_;  // for retention
  std::map<std::string, std::unique_ptr<Lane>> lanes_;
  bool stopping_ = false;
};

}  // namespace trellis
