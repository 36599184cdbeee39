#include "app/job_board.hpp"

#include "core/ids.hpp"
#include "core/log.hpp"

namespace trellis {
namespace {

constexpr size_t kFinishedKept = 500;  // finished jobs remembered for polling clients
constexpr std::chrono::milliseconds kReportEvery{100};

int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string_view job_state_name(JobState state) {
  switch (state) {
    case JobState::queued: return "queued";
    case JobState::running: return "running";
    case JobState::succeeded: return "succeeded";
    case JobState::failed: return "failed";
    case JobState::cancelled: return "cancelled";
  }
  return "unknown";
}

nlohmann::json JobSnapshot::to_json() const {
  nlohmann::json out = {{"id", id},
                        {"kind", kind},
                        {"state", job_state_name(state)},
                        {"progress", {{"done", done}, {"total", total}, {"step", step}}},
                        {"revision", revision},
                        {"href", "/api/v1/jobs/" + id}};
  if (!result.is_null()) out["result"] = result;
  if (!error.empty()) out["error"] = error;
  if (!location.empty()) out["location"] = location;
  return out;
}

struct JobBoard::Job {
  JobSnapshot snapshot;
  JobWork work;
  std::function<void()> cleanup;
  bool cancel_requested = false;
};

struct JobBoard::Lane {
  std::deque<std::shared_ptr<Job>> queue;
  std::condition_variable wake;
  std::thread thread;
};

class JobBoard::Progress final : public JobProgress {
 public:
  Progress(JobBoard& board, Job& job) : board_(board), job_(job) {}
  // Work may report every item; watchers (event streams, waiting answers) hear
  // of a new step, a step's end and otherwise at most every kReportEvery, so a
  // sync of 100,000 items does not become 100,000 events. A poll reads the
  // latest counts either way.
  void report(uint64_t done, uint64_t total, std::string step) override {
    std::lock_guard lock(board_.mutex_);
    auto now = std::chrono::steady_clock::now();
    bool news = step != job_.snapshot.step || (total > 0 && done >= total) || now - last_told_ >= kReportEvery;
    job_.snapshot.done = done;
    job_.snapshot.total = total;
    job_.snapshot.step = std::move(step);
    if (!news) return;
    last_told_ = now;
    board_.touch(job_);
  }
  bool cancel_requested() const override {
    std::lock_guard lock(board_.mutex_);
    return job_.cancel_requested;
  }
  // Set before the job is queued and never changed, so no lock is needed.
  const std::string& job_id() const override { return job_.snapshot.id; }

 private:
  JobBoard& board_;
  Job& job_;
  std::chrono::steady_clock::time_point last_told_{};
};

JobBoard::JobBoard(std::vector<std::string> lanes) {
  for (auto& name : lanes) {
    auto lane = std::make_unique<Lane>();
    Lane* raw = lane.get();
    lanes_.emplace(name, std::move(lane));
    raw->thread = std::thread([this, raw] { run_lane(*raw); });
  }
}

JobBoard::~JobBoard() {
  std::vector<std::shared_ptr<Job>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [name, lane] : lanes_) {
      for (auto& job : lane->queue) {
        job->snapshot.state = JobState::cancelled;
        job->snapshot.error = "the host stopped before the job ran";
        touch(*job);
        dropped.push_back(job);
      }
      lane->queue.clear();
      lane->wake.notify_all();
    }
    for (auto& [id, job] : jobs_) job->cancel_requested = true;
  }
  for (auto& [name, lane] : lanes_)
    if (lane->thread.joinable()) lane->thread.join();
  for (auto& job : dropped)
    if (job->cleanup) job->cleanup();
}

void JobBoard::touch(Job& job) {
  ++job.snapshot.revision;
  changed_.notify_all();
}

std::string JobBoard::submit(std::string lane_name, std::string kind, std::string owner, JobWork work,
                             std::function<void()> cleanup) {
  auto job = std::make_shared<Job>();
  job->snapshot.id = new_id("job-");
  job->snapshot.kind = std::move(kind);
  job->snapshot.owner = std::move(owner);
  job->snapshot.created_micros = now_micros();
  job->snapshot.step = "waiting for its turn";
  job->work = std::move(work);
  job->cleanup = std::move(cleanup);
  std::string id = job->snapshot.id;
  bool refused = false;
  {
    std::lock_guard lock(mutex_);
    auto lane = lanes_.find(lane_name);
    if (stopping_ || lane == lanes_.end()) {
      job->snapshot.state = JobState::failed;
      job->snapshot.error = stopping_ ? "the host is stopping" : "no job lane '" + lane_name + "'";
      refused = true;
    } else {
      lane->second->queue.push_back(job);
      lane->second->wake.notify_one();
    }
    jobs_.emplace(id, job);
    if (refused) finished_order_.push_back(id);
    touch(*job);
  }
  if (refused && job->cleanup) job->cleanup();
  return id;
}

void JobBoard::run_lane(Lane& lane) {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      lane.wake.wait(lock, [&] { return stopping_ || !lane.queue.empty(); });
      if (lane.queue.empty()) return;
      job = lane.queue.front();
      lane.queue.pop_front();
      if (job->cancel_requested) continue;  // cancelled while queued: already final
      job->snapshot.state = JobState::running;
      job->snapshot.started_micros = now_micros();
      job->snapshot.step = "started";
      touch(*job);
    }
    Progress progress(*this, *job);
    Result<JobOutcome> outcome = make_error(ErrorKind::internal, "the job did not run");
    try {
      outcome = job->work(progress);
    } catch (const std::exception& e) {
      outcome = make_error(ErrorKind::internal, std::string("the job failed: ") + e.what());
    } catch (...) {
      outcome = make_error(ErrorKind::internal, "the job failed");
    }
    if (job->cleanup) job->cleanup();
    {
      std::lock_guard lock(mutex_);
      auto& s = job->snapshot;
      s.finished_micros = now_micros();
      if (!outcome) {
        s.state = job->cancel_requested ? JobState::cancelled : JobState::failed;
        s.error = outcome.error().message;
        s.status_hint = 500;
        if (outcome.error().kind == ErrorKind::invalid_input) s.status_hint = 422;
        if (outcome.error().kind == ErrorKind::usage) s.status_hint = 400;
        if (outcome.error().kind == ErrorKind::not_found) s.status_hint = 404;
        if (outcome.error().kind == ErrorKind::conflict) s.status_hint = 409;
      } else {
        s.result = std::move(outcome->result);
        s.status_hint = outcome->status_hint;
        s.state = outcome->failed ? JobState::failed : JobState::succeeded;
        s.error = outcome->error;
        s.location = outcome->location;
      }
      s.step = std::string(job_state_name(s.state));
      finished_order_.push_back(s.id);
      forget_old();
      touch(*job);
    }
    if (!outcome) log::warn("jobs", job->snapshot.kind + " job " + job->snapshot.id + ": " + outcome.error().message);
  }
}

void JobBoard::forget_old() {
  while (finished_order_.size() > kFinishedKept) {
    jobs_.erase(finished_order_.front());
    finished_order_.pop_front();
  }
}

std::optional<JobSnapshot> JobBoard::get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second->snapshot;
}

std::optional<JobSnapshot> JobBoard::wait_for_change(const std::string& id, uint64_t seen_revision,
                                                     std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  auto job = it->second;
  changed_.wait_for(lock, timeout, [&] { return job->snapshot.revision > seen_revision || stopping_; });
  return job->snapshot;
}

bool JobBoard::cancel(const std::string& id) {
  std::function<void()> cleanup;
  {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second->snapshot.finished()) return false;
    auto& job = *it->second;
    job.cancel_requested = true;
    if (job.snapshot.state == JobState::queued) {
      job.snapshot.state = JobState::cancelled;
      job.snapshot.step = "cancelled";
      job.snapshot.finished_micros = now_micros();
      finished_order_.push_back(id);
      cleanup = std::move(job.cleanup);
      job.cleanup = nullptr;
    } else {
      job.snapshot.step = "cancelling";
    }
    touch(job);
  }
  if (cleanup) cleanup();
  return true;
}

std::vector<JobSnapshot> JobBoard::list() const {
  std::lock_guard lock(mutex_);
  std::vector<JobSnapshot> out;
  for (const auto& [id, job] : jobs_) out.push_back(job->snapshot);
  return out;
}

}  // namespace trellis
