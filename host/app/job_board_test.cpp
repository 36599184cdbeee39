#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "app/job_board.hpp"
#include "test_wait.hpp"

using namespace trellis;
using namespace std::chrono_literals;

namespace {
JobSnapshot wait_finished(JobBoard& board, const std::string& id) {
  auto s = board.get(id);
  for (int i = 0; i < 400 && s && !s->finished(); ++i) s = board.wait_for_change(id, s->revision, 50ms);
  REQUIRE(s);
  return *s;
}
}  // namespace

TEST_CASE("Jobs run off the caller's thread, report progress and keep their result", "[jobs]") {
  JobBoard board;
  std::atomic<bool> release{false};
  bool cleaned = false;
  auto id = board.submit(
      "import", "import", "key-1",
      [&](JobProgress& p) -> Result<JobOutcome> {
        p.report(1, 3, "reading");
        trellis::testing::eventually([&] { return release.load(); }, 60s);
        p.report(3, 3, "storing");
        return JobOutcome{{{"course_id", "c1"}}, 201, false, "", "/api/v1/courses/c1"};
      },
      [&] { cleaned = true; });
  auto seen = board.get(id);
  for (int i = 0; i < 100 && seen && seen->step != "reading"; ++i) seen = board.wait_for_change(id, seen->revision, 50ms);
  REQUIRE(seen);
  CHECK(seen->state == JobState::running);
  CHECK((seen->done == 1 && seen->total == 3));
  // Nothing changes while the work waits: a waiter times out with the same revision.
  CHECK(board.wait_for_change(id, seen->revision, 100ms)->revision == seen->revision);
  release = true;
  auto done = wait_finished(board, id);
  CHECK(done.revision > seen->revision);
  CHECK(done.state == JobState::succeeded);
  CHECK(done.status_hint == 201);
  CHECK(done.result["course_id"] == "c1");
  CHECK(done.done == 3);
  CHECK(cleaned);
  CHECK(done.to_json()["state"] == "succeeded");
}

TEST_CASE("A lane runs its jobs one at a time, in order, and a queued job can be cancelled", "[jobs]") {
  JobBoard board;
  std::atomic<int> running{0}, most{0};
  std::vector<int> order;
  std::mutex order_mutex;
  std::atomic<bool> release{false};
  auto work = [&](int n) {
    return [&, n](JobProgress&) -> Result<JobOutcome> {
      int now = ++running;
      most = std::max(most.load(), now);
      trellis::testing::eventually([&] { return release.load(); }, 60s);
      {
        std::lock_guard lock(order_mutex);
        order.push_back(n);
      }
      --running;
      return JobOutcome{};
    };
  };
  auto a = board.submit("import", "import", "k", work(1));
  auto b = board.submit("import", "import", "k", work(2));
  bool cleaned = false;
  auto c = board.submit("import", "import", "k", work(3), [&] { cleaned = true; });
  CHECK(board.cancel(c));
  CHECK(cleaned);
  release = true;
  wait_finished(board, a);
  wait_finished(board, b);
  CHECK(wait_finished(board, c).state == JobState::cancelled);
  CHECK(most == 1);
  CHECK(order == std::vector<int>{1, 2});
  CHECK_FALSE(board.cancel(a));  // finished: nothing to cancel
}

TEST_CASE("A failing job says why, and a throwing one does not take the lane down", "[jobs]") {
  JobBoard board;
  auto bad = board.submit("work", "export", "k", [](JobProgress&) -> Result<JobOutcome> {
    return make_error(ErrorKind::invalid_input, "no such format");
  });
  auto thrown = board.submit("work", "export", "k", [](JobProgress&) -> Result<JobOutcome> {
    throw std::runtime_error("boom");
  });
  auto fine = board.submit("work", "export", "k", [](JobProgress&) -> Result<JobOutcome> { return JobOutcome{}; });
  auto b = wait_finished(board, bad);
  CHECK(b.state == JobState::failed);
  CHECK(b.error == "no such format");
  CHECK(b.status_hint == 422);
  CHECK(wait_finished(board, thrown).error.find("boom") != std::string::npos);
  CHECK(wait_finished(board, fine).state == JobState::succeeded);
  CHECK(board.submit("nowhere", "x", "k", [](JobProgress&) -> Result<JobOutcome> { return JobOutcome{}; }) != "");
}

TEST_CASE("Progress reported for every item wakes watchers at a new step and at its end, not for each item",
          "[jobs]") {
  JobBoard board;
  std::atomic<bool> release{false};
  std::string seen_id;
  auto id = board.submit("work", "sync", "k", [&](JobProgress& p) -> Result<JobOutcome> {
    seen_id = p.job_id();
    auto report = p.as_progress_fn();
    for (uint64_t i = 0; i <= 10000; ++i) report("applying items", i, 10000);
    trellis::testing::eventually([&] { return release.load(); }, 60s);
    return JobOutcome{};
  });
  auto seen = board.get(id);
  for (int i = 0; i < 200 && seen && seen->done < 10000; ++i) seen = board.wait_for_change(id, seen->revision, 50ms);
  REQUIRE(seen);
  CHECK(seen->step == "applying items");
  CHECK((seen->done == 10000 && seen->total == 10000));
  CHECK(seen->revision < 100);  // 10,001 reports
  release = true;
  CHECK(wait_finished(board, id).state == JobState::succeeded);
  CHECK(seen_id == id);
}

TEST_CASE("A job that fails for want of a thing or on a conflict says so in its status", "[jobs]") {
  JobBoard board;
  auto missing = board.submit("work", "sync", "k", [](JobProgress&) -> Result<JobOutcome> {
    return make_error(ErrorKind::not_found, "no enabled connector plugin 'x'");
  });
  auto clash = board.submit("work", "export", "k", [](JobProgress&) -> Result<JobOutcome> {
    return make_error(ErrorKind::conflict, "the export was cancelled");
  });
  CHECK(wait_finished(board, missing).status_hint == 404);
  CHECK(wait_finished(board, clash).status_hint == 409);
}
