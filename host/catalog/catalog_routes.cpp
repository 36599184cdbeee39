#include "catalog/catalog_routes.hpp"

#include <httplib.h>
#include <unistd.h>

#include <fstream>
#include <mutex>

#include "app/runtime.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/import_report.hpp"
#include "catalog/import_service.hpp"
#include "server/http_server.hpp"
#include "server/problem.hpp"

namespace fs = std::filesystem;

namespace trellis {
namespace {

nlohmann::json summary_json(const catalog::VersionSummary& v) {
  nlohmann::json out = {{"course_id", v.course_id}, {"format", v.format}, {"identifier", v.identifier},
                        {"version", v.version}, {"title", v.title}, {"imported_at", v.imported_at},
                        {"href", "/api/v1/courses/" + v.course_id}};
  out["edition"] = v.edition ? nlohmann::json(*v.edition) : nlohmann::json(nullptr);
  catalog::put_counts(out, v.counts);
  return out;
}

// The uploaded zip: the first file part of a multipart form, or the raw body.
bool upload_bytes(const httplib::Request& req, std::string& bytes, std::string& name) {
  if (req.is_multipart_form_data()) {
    for (const auto& [field, file] : req.files) {
      if (file.filename.empty() && field != "file") continue;
      bytes = file.content;
      name = file.filename.empty() ? "upload.zip" : fs::path(file.filename).filename().string();
      return true;
    }
    return false;
  }
  bytes = req.body;
  name = req.has_param("name") ? fs::path(req.get_param_value("name")).filename().string() : "upload.zip";
  return !bytes.empty();
}

}  // namespace

void register_catalog_routes(server::HttpServer& server, Runtime& runtime) {
  auto& r = server.routes();
  // Importers are called from one thread at a time (their contract), so uploads queue here.
  static std::mutex import_mutex;

  r.Post("/api/v1/packages", [&runtime](const httplib::Request& req, httplib::Response& res) {
    std::string bytes, name;
    if (!upload_bytes(req, bytes, name))
      return server::send_problem(res, 400, "Bad Request",
                                  "send the package as the request body (application/zip) or as a multipart/form-data file");
    std::lock_guard<std::mutex> guard(import_mutex);
    auto manager = runtime.plugins();
    if (!manager) return server::send_error(res, manager.error());
    auto lease = runtime.pool.acquire();
    if (!lease) return server::send_error(res, lease.error());
    std::error_code ec;
    fs::create_directories(runtime.home.tmp(), ec);
    fs::path upload = runtime.home.tmp() / ("upload-" + std::to_string(::getpid()) + "-" + catalog::new_id("") + ".zip");
    {
      std::ofstream out(upload, std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) {
        fs::remove(upload, ec);
        return server::send_problem(res, 503, "Service Unavailable", "cannot store the upload");
      }
    }
    catalog::ImportRequest request{upload, name, false, "api"};
    auto outcome = catalog::import_package(runtime.home, **lease, *manager.value(), request);
    fs::remove(upload, ec);
    if (!outcome) return server::send_error(res, outcome.error());
    if (!outcome->accepted) {
      nlohmann::json body = {{"type", "about:blank"}, {"title", "Unprocessable Content"}, {"status", 422},
                             {"detail", "the package was rejected; see diagnostics"}};
      body["diagnostics"] = outcome->report["diagnostics"];
      res.status = 422;
      res.set_content(body.dump(), "application/problem+json");
      return;
    }
    const auto& report = outcome->report;
    if (report.contains("course_id") && report["course_id"].is_string())
      res.set_header("Location", "/api/v1/courses/" + report["course_id"].get<std::string>());
    server::send_json(res, report.value("unchanged", false) ? 200 : 201, report.dump());
  });

  r.Get("/api/v1/courses", [&runtime](const httplib::Request&, httplib::Response& res) {
    auto lease = runtime.pool.acquire();
    if (!lease) return server::send_error(res, lease.error());
    catalog::CatalogStore store(**lease);
    auto courses = store.list_courses();
    if (!courses) return server::send_error(res, courses.error());
    nlohmann::json body = {{"courses", nlohmann::json::array()}};
    for (const auto& c : courses.value()) body["courses"].push_back(summary_json(c));
    server::send_json(res, 200, body.dump());
  });

  r.Get(R"(/api/v1/courses/([A-Za-z0-9_\-]+))", [&runtime](const httplib::Request& req, httplib::Response& res) {
    auto lease = runtime.pool.acquire();
    if (!lease) return server::send_error(res, lease.error());
    catalog::CatalogStore store(**lease);
    std::string id = req.matches[1];
    auto detail = store.course_detail(id);
    if (!detail) return server::send_error(res, detail.error());
    if (!detail->has_value()) return server::send_problem(res, 404, "Not Found", "no course with id " + id);
    nlohmann::json body = **detail;
    auto diags = store.diagnostics(id, body["version"].get<int>());
    if (!diags) return server::send_error(res, diags.error());
    body["diagnostics"] = catalog::diagnostics_json(diags.value());
    server::send_json(res, 200, body.dump());
  });
}

}  // namespace trellis
