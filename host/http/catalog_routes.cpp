#include "http/catalog_routes.hpp"

#include <unistd.h>

#include <mutex>

#include "http/admin_gate.hpp"
#include "http/job_routes.hpp"
#include "app/course_removal_wiring.hpp"
#include "app/import_wiring.hpp"
#include "app/runtime.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/course_reader.hpp"
#include "catalog/import_report.hpp"
#include "catalog/import_service.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "package/limits.hpp"
#include "http/form_upload.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"

namespace fs = std::filesystem;

namespace trellis {
namespace {

nlohmann::json summary_json(const catalog::VersionSummary& v) {
  nlohmann::json out = {{"course_id", v.course_id}, {"format", v.format}, {"identifier", v.identifier},
                        {"version", v.version}, {"title", v.title}, {"imported_at", v.imported_at},
                        {"href", "/api/v1/courses/" + v.course_id}};
  catalog::put_counts(out, v.counts);
  catalog::put_facts(out, v.facts);
  return out;
}

// The course an upload delivers on disk: the raw body as the server stored it,
// or the first file part of a multipart form copied out of it. `made` is a
// file of our own to remove afterwards (the server removes the body file).
struct Upload {
  fs::path package;
  std::string name;
  fs::path made;
  bool as_new_version = false;  // ?as_new_version=true: store content equal to an earlier version again
};

Error too_big(uint64_t max_bytes) {
  return make_error(ErrorKind::invalid_input,
                    "the upload is larger than " + std::to_string(max_bytes) + " bytes (import.max_total_bytes)");
}

Error no_package() {
  return make_error(ErrorKind::usage,
                    "send the package as the request body (application/zip) or as a multipart/form-data file");
}

// What an unnamed body is called in reports and, when it is not a zip, as the
// package's one file: the importers recognise a bare file by its content.
std::string default_name(const http::Request& req) {
  std::string type = req.media_type();
  bool xml = type == "application/xml" || type == "text/xml";
  return xml ? "upload.xml" : "upload.zip";
}

// Multipart framing (boundaries, part headers) on top of the package itself.
constexpr uint64_t kFormOverhead = 64 * 1024;

Status receive_upload(Runtime& runtime, const http::Request& req, uint64_t max_bytes, Upload& out) {
  std::string as_new = req.query_or("as_new_version", "false");
  if (as_new != "true" && as_new != "false")
    return make_error(ErrorKind::usage, "as_new_version must be true or false, not '" + as_new + "'");
  out.as_new_version = as_new == "true";
  if (req.body_size == 0 || req.body_file.empty()) return no_package();
  if (req.media_type() != "multipart/form-data") {
    if (req.body_size > max_bytes) return too_big(max_bytes);
    out.package = req.body_file;
    out.name = req.has_query("name") ? fs::path(req.query_or("name", "")).filename().string() : default_name(req);
    return {};
  }
  std::error_code ec;
  fs::create_directories(runtime.home.tmp(), ec);
  out.made = runtime.home.tmp() / ("upload-" + std::to_string(::getpid()) + "-" + new_id("") + ".zip");
  auto part = http::extract_form_file(req.body_file, req.header("Content-Type"), out.made, max_bytes);
  if (!part) return part.error();
  if (!*part || (*part)->size == 0) return no_package();
  if ((*part)->too_big) return too_big(max_bytes);
  out.package = out.made;
  out.name = (*part)->filename.empty() ? "upload.zip" : fs::path((*part)->filename).filename().string();
  return {};
}

Result<package::Limits> current_limits(Runtime& runtime) {
  auto lease = runtime.pool.acquire();
  if (!lease) return lease.error();
  return package::load_limits(**lease);
}

// Admins only, checked before a byte of the upload is read, so strangers cannot
// fill the disk. The body limit is the home's import.max_total_bytes (plus the
// form framing for multipart); a Content-Length past it is answered as the
// import would answer (422), before the body is received.
bool upload_guard(Runtime& runtime, http::Request& req, http::Response& res) {
  if (!authorise(runtime, kAdminGate, req, res)) return false;
  auto limits = current_limits(runtime);
  if (!limits) {
    http::send_error(res, limits.error());
    return false;
  }
  uint64_t max = limits->max_total_bytes;
  req.body_limit = req.media_type() == "multipart/form-data" ? max + kFormOverhead : max;
  if (auto declared = http::declared_length(req); declared && *declared > req.body_limit) {
    http::send_error(res, too_big(max));
    return false;
  }
  return true;
}

// The import's answer as the synchronous upload always gave it: the report
// (201, or 200 when unchanged) or a 422 problem with the diagnostics.
JobOutcome import_outcome(const catalog::ImportOutcome& outcome) {
  JobOutcome out;
  if (!outcome.accepted) {
    std::string detail = "the package was rejected";
    for (const auto& d : outcome.report["diagnostics"])
      if (d["severity"] == "error") {
        detail += ": " + d["message"].get<std::string>();
        break;
      }
    // Equal to an earlier version: the package is fine, what is stored conflicts.
    int status = outcome.matches_earlier_version ? 409 : 422;
    if (outcome.matches_earlier_version) detail += "; send ?as_new_version=true to store it as a new version";
    out.result = {{"type", "about:blank"}, {"title", status == 409 ? "Conflict" : "Unprocessable Content"},
                  {"status", status}, {"detail", detail}};
    out.result["diagnostics"] = outcome.report["diagnostics"];
    if (outcome.report.contains("matches_version")) out.result["matches_version"] = outcome.report["matches_version"];
    out.status_hint = status;
    out.failed = true;
    out.error = detail;
    return out;
  }
  out.result = outcome.report;
  out.status_hint = outcome.report.value("unchanged", false) ? 200 : 201;
  if (outcome.report.contains("course_id") && outcome.report["course_id"].is_string())
    out.location = "/api/v1/courses/" + outcome.report["course_id"].get<std::string>();
  return out;
}

// Answers 202 with a job as soon as the body is on disk; the import runs on the
// job board's import lane (importers are called one at a time, their contract).
void upload_package(Runtime& runtime, http::Request& req, http::Response& res) {
  auto limits = current_limits(runtime);
  if (!limits) return http::send_error(res, limits.error());
  Upload upload;
  if (auto st = receive_upload(runtime, req, limits->max_total_bytes, upload); !st) {
    std::error_code ec;
    if (!upload.made.empty()) fs::remove(upload.made, ec);
    return http::send_error(res, st.error());
  }
  if (upload.made.empty()) {
    // The raw body is the server's file, removed when this handler returns: the job takes it over.
    upload.made = runtime.home.tmp() / ("upload-" + std::to_string(::getpid()) + "-" + new_id("") + ".zip");
    std::error_code ec;
    fs::rename(upload.package, upload.made, ec);
    if (ec) return http::send_error(res, make_error(ErrorKind::environment, "cannot keep the upload: " + ec.message()));
    upload.package = upload.made;
  }
  const auto* caller = caller_of(req);
  auto id = runtime.jobs().submit(
      "import", "import", caller ? caller->key : "",
      [&runtime, upload](JobProgress& progress) -> Result<JobOutcome> {
        auto manager = runtime.plugins();
        if (!manager) return manager.error();
        auto lease = runtime.pool.acquire();
        if (!lease) return lease.error();
        catalog::ImportRequest request{upload.package, upload.name, false, "api", upload.as_new_version};
        // The import's own stages ("reading the package" ... "storing version N").
        auto outcome = catalog::import_package(runtime.home, **lease, *manager.value(), request,
                                               import_hooks(runtime, ImportFollowUp::in_background),
                                               progress.as_progress_fn());
        if (!outcome) return outcome.error();
        return import_outcome(*outcome);
      },
      [made = upload.made] {
        std::error_code ec;
        fs::remove(made, ec);
      });
  answer_with_job(runtime, id, req, res);
}

void list_courses(Runtime& runtime, http::Response& res) {
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  catalog::CatalogStore store(**lease);
  auto courses = store.list_courses();
  if (!courses) return http::send_error(res, courses.error());
  nlohmann::json body = {{"courses", nlohmann::json::array()}};
  for (const auto& c : courses.value()) body["courses"].push_back(summary_json(c));
  http::send_json(res, 200, body.dump());
}

void show_course(Runtime& runtime, const std::string& id, http::Response& res) {
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  catalog::CatalogStore store(**lease);
  auto detail = store.course_detail(id);
  if (!detail) return http::send_error(res, detail.error());
  if (!detail->has_value()) return http::send_problem(res, 404, "Not Found", "no course with id " + id);
  nlohmann::json body = **detail;
  auto diags = store.diagnostics(id, body["version"].get<int>());
  if (!diags) return http::send_error(res, diags.error());
  body["diagnostics"] = catalog::diagnostics_json(diags.value());
  http::send_json(res, 200, body.dump());
}

// Deletes the course with what the domains keep about it (app/course_removal_wiring.hpp);
// ?purge_records=true erases its learning records too.
void delete_course(Runtime& runtime, const http::Request& req, http::Response& res) {
  std::string purge = req.query_or("purge_records", "false");
  if (purge != "true" && purge != "false")
    return http::send_problem(res, 400, "Bad Request", "purge_records must be true or false, not '" + purge + "'");
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  const auto* caller = caller_of(req);
  auto report = trellis::delete_course(runtime.home, **lease,
                                       {req.capture(0), purge == "true", "api:" + (caller ? caller->name : "unknown")});
  if (!report) return http::send_error(res, report.error());
  http::send_json(res, 200, report->dump());
}

void show_module(Runtime& runtime, const std::string& id, http::Response& res) {
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  auto module = catalog::find_module(**lease, id);
  if (!module) return http::send_error(res, module.error());
  if (!module->has_value()) return http::send_problem(res, 404, "Not Found", "no module with id " + id);
  const auto& m = **module;
  const std::string href = "/api/v1/modules/" + m.id;
  nlohmann::json body = {{"id", m.id},
                         {"course_id", m.course_id},
                         {"course_identifier", m.course_identifier},
                         {"format", m.format},
                         {"identifier", m.identifier},
                         {"title", m.title},
                         {"kind", m.kind},
                         {"href", href},
                         {"course", "/api/v1/courses/" + m.course_id},
                         {"discussions", href + "/discussions"},
                         {"links", href + "/links"},
                         {"suggestions", href + "/suggestions"}};
  http::send_json(res, 200, body.dump());
}

}  // namespace

void register_catalog_routes(http::Router& router, Runtime& runtime) {
  // A server starting after a crash clears what an interrupted import left.
  if (auto lease = runtime.pool.acquire(); lease) {
    if (auto st = catalog::recover_interrupted_imports(runtime.home, **lease); !st)
      log::warn("catalog", "cleaning up interrupted imports failed: " + st.error().message);
  }
  // Streamed to disk; the guard sets the limit from import.max_total_bytes (the
  // declared one is only the default of that setting).
  router.add(http::route("POST", "/api/v1/packages",
              [&runtime](http::Request& req, http::Response& res) { upload_package(runtime, req, res); },
              [&runtime](http::Request& req, http::Response& res) { return upload_guard(runtime, req, res); },
              http::BodyMode::file, package::Limits{}.max_total_bytes));
  router.get("/api/v1/courses", [&runtime](http::Request&, http::Response& res) { list_courses(runtime, res); });
  router.add(http::route("GET", "/api/v1/courses/{id}",
              [&runtime](http::Request& req, http::Response& res) { show_course(runtime, req.capture(0), res); },
              http::id_guard(&http::is_slug)));
  // Takes no body: the small default limit.
  router.add(http::route("DELETE", "/api/v1/courses/{id}",
              [&runtime](http::Request& req, http::Response& res) { delete_course(runtime, req, res); },
              http::id_guard(&http::is_slug, admin_guard(runtime))));
  router.add(http::route("GET", "/api/v1/modules/{id}",
              [&runtime](http::Request& req, http::Response& res) { show_module(runtime, req.capture(0), res); },
              http::id_guard(&http::is_slug)));
}

}  // namespace trellis
