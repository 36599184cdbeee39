#include "http/export_routes.hpp"

#include <memory>

#include "core/log.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"
#include "lrs/credentials.hpp"

namespace trellis {
namespace {

struct ExportContext {
  Runtime& runtime;
};

void serve_export(ExportContext& ctx, const http::Request& req, http::Response& res) {
  auto prepared = prepare_export(ctx.runtime, export_params_from_query(req), res);
  if (!prepared) return;
  auto lease = ctx.runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());

  // The lease moves into the producer: the export reads through it on this
  // worker while the server sends each piece as the plugin writes it.
  auto held = std::make_shared<store::Lease>(std::move(*lease));
  auto request = std::make_shared<records::ExportRequest>();
  request->filter = std::move(prepared->filter);
  res.set_header("Content-Disposition", "attachment; filename=\"statements." + prepared->format + "\"");
  res.set_stream(prepared->exporter.table->media_type,
                 [held, request, exporter = prepared->exporter](http::BodyWriter& out) {
                   request->write = [&out](std::string_view bytes) { return out.write(bytes); };
                   request->cancelled = [&out] { return out.client_gone(); };
                   auto sent = records::export_records(**held, exporter, *request);
                   if (!sent) {
                     // Too late for a status code: the server ends the connection without the
                     // final chunk, so the client sees an incomplete body rather than a short "complete" one.
                     log::warn("records", "export over HTTP stopped: " + sent.error().message);
                     return false;
                   }
                   return true;
                 });
}

}  // namespace

ExportParams export_params_from_query(const http::Request& req) {
  ExportParams params;
  params.format = req.query_or("format", "jsonl");
  params.filters = {req.query_value("since"), req.query_value("until"), req.query_value("verb"),
                    req.query_value("agent"), req.query_value("course")};
  return params;
}

std::optional<PreparedExport> prepare_export(Runtime& runtime, const ExportParams& params, http::Response& res) {
  // Asked per request, so an exporter installed while serving is found; a
  // replaced plugin manager stays alive with the runtime, so this one outlives the export.
  auto plugins = runtime.plugins();
  if (!plugins) {
    http::send_problem(res, 503, "Service Unavailable", "plugins failed to load: " + plugins.error().message);
    return std::nullopt;
  }
  auto exporter = records::find_file_exporter(**plugins, params.format);
  if (!exporter) {
    http::send_problem(res, 400, "Bad Request", exporter.error().message);
    return std::nullopt;
  }
  auto filter = lrs::parse_export_filter(params.filters);
  if (!filter) {
    http::send_problem(res, 400, "Bad Request", filter.error().message);
    return std::nullopt;
  }
  return PreparedExport{params.format, *exporter, std::move(*filter)};
}

void register_records_routes(http::Router& router, Runtime& runtime) {
  // Owned by the route's handler and guard, which live as long as the router.
  auto ctx = std::shared_ptr<ExportContext>(new ExportContext{runtime});
  // A GET: no body expected, the small default limit.
  router.add(http::route("GET", "/api/v1/records/export",
              [ctx](http::Request& req, http::Response& res) { serve_export(*ctx, req, res); },
              scope_guard(runtime, kExportGate)));
}

}  // namespace trellis
