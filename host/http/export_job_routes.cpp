#include "http/export_job_routes.hpp"

#include <chrono>
#include <filesystem>

#include "core/log.hpp"
#include "http/export_routes.hpp"
#include "http/job_routes.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"
#include "json/bounded_parse.hpp"
#include "records/export_file.hpp"

namespace fs = std::filesystem;

namespace trellis {
namespace {

constexpr auto kKeptFor = std::chrono::hours(24);
constexpr const char* kDownload = "/api/v1/records/exports/";  // + the job's id

fs::path exports_dir(const Runtime& runtime) { return runtime.home.root() / "exports"; }

bool is_partial(const fs::path& file) {
  std::string name = file.filename().string();
  auto suffix = records::ExportFile::kPartialSuffix;
  return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Finished files older than kKeptFor go. A .partial belongs to a running job,
// except at start (`at_start`), when no job runs: a killed run left it.
void prune_exports(const Runtime& runtime, bool at_start) {
  auto oldest = fs::file_time_type::clock::now() - kKeptFor;
  std::error_code walk;  // the error_code forms throughout: nothing here may throw
  for (fs::directory_iterator it(exports_dir(runtime), walk), end; !walk && it != end; it.increment(walk)) {
    std::error_code ec;
    const fs::path& file = it->path();
    if (!it->is_regular_file(ec)) continue;
    bool partial = is_partial(file);
    if (partial && !at_start) continue;
    auto written = it->last_write_time(ec);
    if (ec) continue;
    if (!partial && written >= oldest) continue;
    if (fs::remove(file, ec)) log::info("records", "removed the old export " + file.filename().string());
  }
}

// The query's parameters; a JSON object body, when sent, gives them instead
// (agent as JSON text or as the Agent object itself).
Result<ExportParams> read_params(const http::Request& req) {
  ExportParams params = export_params_from_query(req);
  if (req.body.empty()) return params;
  auto parsed = parse_json(req.body);
  if (!parsed) return parsed.error();
  const auto& body = *parsed;
  if (!body.is_object())
    return make_error(ErrorKind::usage,
                      R"(send the export's parameters as a JSON object: {"format": "jsonl", "since": ...})");
  std::pair<const char*, std::optional<std::string>*> fields[] = {{"since", &params.filters.since},
                                                                  {"until", &params.filters.until},
                                                                  {"verb", &params.filters.verb},
                                                                  {"agent", &params.filters.agent},
                                                                  {"course", &params.filters.course}};
  for (const auto& [name, value] : body.items()) {
    if (name == "format") {
      if (!value.is_string()) return make_error(ErrorKind::usage, "format must be a string");
      params.format = value.get<std::string>();
      continue;
    }
    bool known = false;
    for (auto& [field, into] : fields) {
      if (name != field) continue;
      known = true;
      if (value.is_string())
        *into = value.get<std::string>();
      else if (name == "agent" && value.is_object())
        *into = value.dump();
      else
        return make_error(ErrorKind::usage, name + " must be a string");  // a known name: short
    }
    if (!known)
      return make_error(ErrorKind::usage, "unknown export parameter '" + name.substr(0, 64) +
                                              "' (format, since, until, verb, agent, course)");
  }
  return params;
}

// The file's name: the job's id and the format, or "export" for a format that
// is no plain word (the name must stay inside the folder).
std::string file_name(const std::string& job_id, const std::string& format) {
  return job_id + "." + (http::is_slug(format) ? format : std::string("export"));
}

Result<JobOutcome> run_export(Runtime& runtime, const PreparedExport& prepared, JobProgress& progress) {
  auto lease = runtime.pool.acquire();
  if (!lease) return lease.error();
  std::error_code ec;
  fs::create_directories(exports_dir(runtime), ec);
  if (ec)
    return make_error(ErrorKind::environment, "cannot create " + exports_dir(runtime).string() + ": " + ec.message());
  std::string name = file_name(progress.job_id(), prepared.format);
  auto file = records::ExportFile::open(exports_dir(runtime) / name);
  if (!file) return file.error();
  records::ExportRequest request;
  request.filter = prepared.filter;
  request.write = [&file](std::string_view bytes) { return (*file)->write(bytes); };
  request.cancelled = [&progress] { return progress.cancel_requested(); };
  request.progress = progress.as_progress_fn();
  auto sent = records::export_records(**lease, prepared.exporter, request);
  if (!sent) return sent.error();  // the file's .partial goes with it
  if (auto st = (*file)->commit(); !st) return st.error();
  auto bytes = fs::file_size(exports_dir(runtime) / name, ec);
  JobOutcome out;
  out.location = kDownload + progress.job_id();
  out.result = {{"statements", *sent},
                {"format", prepared.format},
                {"media_type", prepared.exporter.table->media_type},
                {"bytes", ec ? 0 : bytes},
                {"file", name},
                {"download", out.location}};
  out.status_hint = 201;  // what it made is a resource of its own: the file
  return out;
}

void submit_export(Runtime& runtime, const http::Request& req, http::Response& res) {
  auto params = read_params(req);
  if (!params) return http::send_error(res, params.error());
  auto prepared = prepare_export(runtime, *params, res);
  if (!prepared) return;
  prune_exports(runtime, false);
  const auto* caller = caller_of(req);
  auto id = runtime.jobs().submit("work", "export", caller ? caller->key : "",
                                  [&runtime, prepared = std::move(*prepared)](JobProgress& progress) {
                                    return run_export(runtime, prepared, progress);
                                  });
  answer_with_job(runtime, id, req, res);
}

// Personal data: the file goes to the key that asked for it and to no other,
// an admin's included; to everyone else the export does not exist (404, as
// for another key's job).
void download_export(Runtime& runtime, const http::Request& req, http::Response& res) {
  const std::string& id = req.capture(0);
  auto job = runtime.jobs().get(id);
  const auto* caller = caller_of(req);
  if (!job || job->kind != "export" || caller == nullptr || job->owner != caller->key)
    return http::send_problem(res, 404, "Not Found", "no export " + id);
  if (!job->finished())
    return http::send_problem(
        res, 409, "Conflict",
        "export " + id + " is " + std::string(job_state_name(job->state)) + "; its progress is at /api/v1/jobs/" + id);
  if (job->state != JobState::succeeded || !job->result.contains("file"))
    return http::send_problem(res, 404, "Not Found",
                              "export " + id + " " + std::string(job_state_name(job->state)) +
                                  (job->error.empty() ? "" : ": " + job->error) + "; it has no file");
  std::string name = job->result["file"].get<std::string>();
  fs::path file = exports_dir(runtime) / name;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    return http::send_problem(res, 410, "Gone",
                              "the file of export " + id + " was removed (exports are kept 24 hours)");
  res.set_header("Content-Disposition", "attachment; filename=\"statements-" + name + "\"");
  res.set_header("Cache-Control", "private, no-cache");
  res.set_file(file, job->result["media_type"].get<std::string>());
}

}  // namespace

void register_export_job_routes(http::Router& router, Runtime& runtime) {
  prune_exports(runtime, true);
  // The parameters, when sent as JSON, are a small object: the default small limit.
  router.add(http::route(
      "POST", "/api/v1/records/exports",
      [&runtime](http::Request& req, http::Response& res) { submit_export(runtime, req, res); },
      scope_guard(runtime, kExportGate)));
  router.add(http::route(
      "GET", "/api/v1/records/exports/{id}",
      [&runtime](http::Request& req, http::Response& res) { download_export(runtime, req, res); },
      http::id_guard(&http::is_slug, scope_guard(runtime, kExportGate))));
}

}  // namespace trellis
