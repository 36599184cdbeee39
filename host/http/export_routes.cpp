#include "http/export_routes.hpp"

#include <httplib.h>

#include <memory>

#include "core/log.hpp"
#include "lrs/credentials.hpp"
#include "records/export.hpp"
#include "lrs/filter_text.hpp"
#include "http/problem.hpp"

namespace trellis {
namespace {

std::optional<std::string> param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

struct ExportContext {
  Runtime& runtime;
  lrs::CredentialCheck credentials;
};

void serve_export(ExportContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto lease = ctx.runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  // Records are personal data: the same LRS keys that may read statements may export them.
  auto principal = ctx.credentials.check(**lease, req.get_header_value("Authorization"));
  if (!principal) return http::send_error(res, principal.error());
  if (!*principal) {
    res.set_header("WWW-Authenticate", "Basic realm=\"trellis\"");
    return http::send_problem(res, 401, "Unauthorized", "an LRS key (HTTP Basic) is required to export records");
  }
  // Asked per request, so an exporter installed while serving is found; a
  // replaced plugin manager stays alive with the runtime, so this one outlives the export.
  auto plugins = ctx.runtime.plugins();
  if (!plugins)
    return http::send_problem(res, 503, "Service Unavailable", "plugins failed to load: " + plugins.error().message);
  std::string format = req.has_param("format") ? req.get_param_value("format") : "jsonl";
  auto exporter = records::find_file_exporter(**plugins, format);
  if (!exporter) return http::send_problem(res, 400, "Bad Request", exporter.error().message);
  auto filter = lrs::parse_export_filter(
      {param(req, "since"), param(req, "until"), param(req, "verb"), param(req, "agent"), param(req, "course")});
  if (!filter) return http::send_problem(res, 400, "Bad Request", filter.error().message);

  // The lease moves into the provider: the export reads through it while httplib
  // sends each chunk as the plugin writes it.
  auto held = std::make_shared<store::Lease>(std::move(*lease));
  auto request = std::make_shared<records::ExportRequest>();
  request->filter = std::move(*filter);
  res.set_header("Content-Disposition", "attachment; filename=\"statements." + format + "\"");
  res.set_chunked_content_provider(
      exporter->table->media_type, [held, request, exporter = *exporter](size_t, httplib::DataSink& sink) {
        request->write = [&sink](std::string_view bytes) { return sink.write(bytes.data(), bytes.size()); };
        request->cancelled = [&sink] { return !sink.is_writable(); };
        auto sent = records::export_records(**held, exporter, *request);
        if (!sent) {
          // Too late for a status code: end the connection without the final chunk
          // so the client sees an incomplete body rather than a short "complete" one.
          log::warn("records", "export over HTTP stopped: " + sent.error().message);
          return false;
        }
        sink.done();
        return true;
      });
}

}  // namespace

void register_records_routes(http::HttpServer& server, Runtime& runtime) {
  auto ctx = std::shared_ptr<ExportContext>(new ExportContext{runtime, {}});
  server.routes().Get("/api/v1/records/export", [ctx](const httplib::Request& req, httplib::Response& res) {
    serve_export(*ctx, req, res);
  });
}

}  // namespace trellis
