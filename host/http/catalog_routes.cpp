#include "http/catalog_routes.hpp"

#include <httplib.h>
#include <unistd.h>

#include <fstream>
#include <mutex>

#include "http/admin_gate.hpp"
#include "app/import_wiring.hpp"
#include "app/runtime.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/import_report.hpp"
#include "catalog/import_service.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "package/limits.hpp"
#include "http/http_server.hpp"
#include "http/problem.hpp"

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

// Streams the upload to `file`: the raw body, or the first file part of a
// multipart form. Refuses bodies over `max_bytes` without holding them in memory.
Status receive_upload(const httplib::Request& req, const httplib::ContentReader& reader, const fs::path& file,
                      uint64_t max_bytes, std::string& name) {
  std::ofstream out(file, std::ios::binary);
  if (!out) return make_error(ErrorKind::environment, "cannot store the upload");
  uint64_t seen = 0;
  bool too_big = false;
  auto write = [&](const char* data, size_t len) {
    seen += len;
    if (seen > max_bytes) {
      too_big = true;
      return false;
    }
    out.write(data, static_cast<std::streamsize>(len));
    return static_cast<bool>(out);
  };
  bool got_file = false;
  if (req.is_multipart_form_data()) {
    bool in_file = false;
    reader(
        [&](const httplib::MultipartFormData& part) {
          in_file = !got_file && (!part.filename.empty() || part.name == "file");
          if (in_file) {
            got_file = true;
            name = part.filename.empty() ? "upload.zip" : fs::path(part.filename).filename().string();
          }
          return true;
        },
        [&](const char* data, size_t len) { return !in_file || write(data, len); });
  } else {
    got_file = true;
    name = req.has_param("name") ? fs::path(req.get_param_value("name")).filename().string() : "upload.zip";
    reader([&](const char* data, size_t len) { return write(data, len); });
  }
  out.close();
  if (too_big)
    return make_error(ErrorKind::invalid_input, "the upload is larger than " + std::to_string(max_bytes) +
                                                    " bytes (import.max_total_bytes)");
  if (!got_file || seen == 0)
    return make_error(ErrorKind::usage,
                      "send the package as the request body (application/zip) or as a multipart/form-data file");
  if (!out) return make_error(ErrorKind::environment, "cannot store the upload");
  return {};
}

}  // namespace

void register_catalog_routes(http::HttpServer& server, Runtime& runtime) {
  auto& r = server.routes();
  // A server starting after a crash clears what an interrupted import left.
  if (auto lease = runtime.pool.acquire(); lease) {
    if (auto st = catalog::recover_interrupted_imports(runtime.home, **lease); !st)
      log::warn("catalog", "cleaning up interrupted imports failed: " + st.error().message);
  }
  // Importers are called from one thread at a time (their contract), so uploads queue here.
  static std::mutex import_mutex;

  r.Post("/api/v1/packages", [&runtime](const httplib::Request& req, httplib::Response& res,
                                         const httplib::ContentReader& reader) {
    // Checked before a byte of the upload is read, so strangers cannot fill the disk.
    if (!require_admin(runtime, req, res)) return;
    std::lock_guard<std::mutex> guard(import_mutex);
    auto manager = runtime.plugins();
    if (!manager) return http::send_error(res, manager.error());
    auto lease = runtime.pool.acquire();
    if (!lease) return http::send_error(res, lease.error());
    auto limits = package::load_limits(**lease);
    if (!limits) return http::send_error(res, limits.error());
    std::error_code ec;
    fs::create_directories(runtime.home.tmp(), ec);
    fs::path upload = runtime.home.tmp() / ("upload-" + std::to_string(::getpid()) + "-" + new_id("") + ".zip");
    std::string name;
    if (auto st = receive_upload(req, reader, upload, limits->max_total_bytes, name); !st) {
      fs::remove(upload, ec);
      return http::send_error(res, st.error());
    }
    catalog::ImportRequest request{upload, name, false, "api"};
    auto outcome = catalog::import_package(runtime.home, **lease, *manager.value(), request,
                                           import_hooks(runtime, ImportFollowUp::in_background));
    fs::remove(upload, ec);
    if (!outcome) return http::send_error(res, outcome.error());
    if (!outcome->accepted) {
      std::string detail = "the package was rejected";
      for (const auto& d : outcome->report["diagnostics"])
        if (d["severity"] == "error") {
          detail += ": " + d["message"].get<std::string>();
          break;
        }
      nlohmann::json body = {{"type", "about:blank"}, {"title", "Unprocessable Content"}, {"status", 422},
                             {"detail", detail}};
      body["diagnostics"] = outcome->report["diagnostics"];
      res.status = 422;
      res.set_content(body.dump(), "application/problem+json");
      return;
    }
    const auto& report = outcome->report;
    if (report.contains("course_id") && report["course_id"].is_string())
      res.set_header("Location", "/api/v1/courses/" + report["course_id"].get<std::string>());
    http::send_json(res, report.value("unchanged", false) ? 200 : 201, report.dump());
  });

  r.Get("/api/v1/courses", [&runtime](const httplib::Request&, httplib::Response& res) {
    auto lease = runtime.pool.acquire();
    if (!lease) return http::send_error(res, lease.error());
    catalog::CatalogStore store(**lease);
    auto courses = store.list_courses();
    if (!courses) return http::send_error(res, courses.error());
    nlohmann::json body = {{"courses", nlohmann::json::array()}};
    for (const auto& c : courses.value()) body["courses"].push_back(summary_json(c));
    http::send_json(res, 200, body.dump());
  });

  r.Get(R"(/api/v1/courses/([A-Za-z0-9_\-]+))", [&runtime](const httplib::Request& req, httplib::Response& res) {
    auto lease = runtime.pool.acquire();
    if (!lease) return http::send_error(res, lease.error());
    catalog::CatalogStore store(**lease);
    std::string id = req.matches[1];
    auto detail = store.course_detail(id);
    if (!detail) return http::send_error(res, detail.error());
    if (!detail->has_value()) return http::send_problem(res, 404, "Not Found", "no course with id " + id);
    nlohmann::json body = **detail;
    auto diags = store.diagnostics(id, body["version"].get<int>());
    if (!diags) return http::send_error(res, diags.error());
    body["diagnostics"] = catalog::diagnostics_json(diags.value());
    http::send_json(res, 200, body.dump());
  });
}

}  // namespace trellis
