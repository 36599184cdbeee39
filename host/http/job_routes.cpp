#include "http/job_routes.hpp"

#include <charconv>

#include "http/admin_gate.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"

namespace trellis {
namespace {

constexpr int kMostWaitSeconds = 120;

inline constexpr ScopeGate kJobReaderGate{lrs::kScopeXapi, "'all'", "trellis",
                                          "jobs are shown to the key that submitted them (HTTP Basic)"};

// Admin keys see every job; other keys only their own (checked in the handler).
bool job_reader(Runtime& runtime, http::Request& req, http::Response& res) {
  if (authorise(runtime, kAdminGate, req, res)) return true;
  if (res.status != 403) return false;
  res = http::Response{};
  return authorise(runtime, kJobReaderGate, req, res);
}

std::optional<JobSnapshot> visible_job(Runtime& runtime, const http::Request& req) {
  auto job = runtime.jobs().get(req.capture(0));
  const auto* caller = caller_of(req);
  if (!job || caller == nullptr) return std::nullopt;
  if (!caller->has_scope(lrs::kScopeAdmin) && job->owner != caller->key) return std::nullopt;
  return job;
}

void send_snapshot(const JobSnapshot& job, http::Response& res) {
  http::send_json(res, 200, job.to_json().dump());
}

// One event per change until the job ends, then a last "end" event.
http::StreamProducer job_events(Runtime& runtime, std::string id) {
  return [&runtime, id](http::BodyWriter& out) {
    uint64_t seen = 0;
    while (!out.client_gone() && !out.server_stopping()) {
      auto job = runtime.jobs().wait_for_change(id, seen, std::chrono::seconds(15));
      if (!job) return true;  // forgotten: nothing more to tell
      if (job->revision == seen) {
        if (!out.write(": still running\n\n")) return false;  // keeps proxies from timing the stream out
        continue;
      }
      seen = job->revision;
      std::string event = "event: " + std::string(job->finished() ? "end" : "progress") + "\nid: " +
                          std::to_string(job->revision) + "\ndata: " + job->to_json().dump() + "\n\n";
      if (!out.write(event)) return false;
      if (job->finished()) return true;
    }
    return true;
  };
}

int preferred_wait_seconds(const http::Request& req) {
  std::string prefer = req.header("Prefer");
  auto at = prefer.find("wait=");
  if (at == std::string::npos) return 0;
  int seconds = 0;
  const char* begin = prefer.data() + at + 5;
  std::from_chars(begin, prefer.data() + prefer.size(), seconds);
  return std::clamp(seconds, 0, kMostWaitSeconds);
}

}  // namespace

void answer_with_job(Runtime& runtime, const std::string& job_id, const http::Request& req, http::Response& res) {
  auto job = runtime.jobs().get(job_id);
  int wait = preferred_wait_seconds(req);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait);
  while (job && !job->finished() && std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    job = runtime.jobs().wait_for_change(job_id, job->revision, left);
  }
  if (!job) return http::send_problem(res, 500, "Internal Server Error", "the job vanished");
  res.set_header("Location", "/api/v1/jobs/" + job_id);
  if (!job->finished()) return http::send_json(res, 202, job->to_json().dump());
  if (wait > 0) res.set_header("Preference-Applied", "wait=" + std::to_string(wait));
  if (job->state == JobState::succeeded || !job->result.is_null()) {
    nlohmann::json body = job->result.is_null() ? nlohmann::json::object() : job->result;
    body["job"] = job->to_json();
    body["job"].erase("result");
    int status = job->status_hint ? job->status_hint : 200;
    if (!job->location.empty()) res.set_header("Location", job->location);
    res.status = status;
    // A rejected import's result is a problem document; a failed sync's is its report.
    bool problem = status >= 400 && body.contains("type") && body.contains("title");
    res.set_body(body.dump(), problem ? "application/problem+json" : "application/json");
    return;
  }
  http::send_problem(res, job->status_hint ? job->status_hint : 500, "Job Failed", job->error);
}

void register_job_routes(http::Router& router, Runtime& runtime) {
  auto reader = [&runtime](http::Request& req, http::Response& res) { return job_reader(runtime, req, res); };

  http::Route list("GET", "/api/v1/jobs", [&runtime](http::Request& req, http::Response& res) {
    const auto* caller = caller_of(req);
    nlohmann::json body = {{"jobs", nlohmann::json::array()}};
    for (const auto& job : runtime.jobs().list())
      if (caller && (caller->has_scope(lrs::kScopeAdmin) || job.owner == caller->key))
        body["jobs"].push_back(job.to_json());
    http::send_json(res, 200, body.dump());
  });
  list.guard = reader;
  router.add(list);

  http::Route show("GET", "/api/v1/jobs/{id}", [&runtime](http::Request& req, http::Response& res) {
    auto job = visible_job(runtime, req);
    if (!job) return http::send_problem(res, 404, "Not Found", "no job " + req.capture(0));
    send_snapshot(*job, res);
  });
  show.guard = http::id_guard(http::is_slug, reader);
  router.add(show);

  http::Route events("GET", "/api/v1/jobs/{id}/events", [&runtime](http::Request& req, http::Response& res) {
    auto job = visible_job(runtime, req);
    if (!job) return http::send_problem(res, 404, "Not Found", "no job " + req.capture(0));
    res.set_header("Cache-Control", "no-store");
    res.set_stream("text/event-stream", job_events(runtime, job->id));
  });
  events.guard = http::id_guard(http::is_slug, reader);
  events.long_lived = true;
  router.add(events);

  http::Route cancel("DELETE", "/api/v1/jobs/{id}", [&runtime](http::Request& req, http::Response& res) {
    auto job = visible_job(runtime, req);
    if (!job) return http::send_problem(res, 404, "Not Found", "no job " + req.capture(0));
    if (!runtime.jobs().cancel(job->id))
      return http::send_problem(res, 409, "Conflict", "job " + job->id + " has already ended");
    send_snapshot(*runtime.jobs().get(job->id), res);
  });
  cancel.guard = http::id_guard(http::is_slug, reader);
  router.add(cancel);
}

}  // namespace trellis
