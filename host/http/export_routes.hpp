// GET /api/v1/records/export: the same export as `trellis records export`,
// streamed as a chunked HTTP response. What it shares with the export jobs
// (http/export_job_routes.hpp): the gate, and reading a request's format and
// filters into an exporter and a statement filter.
#pragma once

#include <optional>
#include <string>

#include "app/runtime.hpp"
#include "http/admin_gate.hpp"
#include "http/server/router.hpp"
#include "lrs/filter_text.hpp"
#include "records/export.hpp"

namespace trellis {

// Records are personal data: the keys that may read statements (scope "all")
// may export them, and no other (an admin-only key gets 403, as on /xapi/).
inline constexpr ScopeGate kExportGate{lrs::kScopeXapi, "'all'", "trellis",
                                       "an LRS key (HTTP Basic) is required to export records"};

// What an export request names: format (default jsonl) and the filters.
struct ExportParams {
  std::string format = "jsonl";
  lrs::ExportFilterText filters;
};

ExportParams export_params_from_query(const http::Request& req);

struct PreparedExport {
  std::string format;
  records::Exporter exporter;
  records::StatementFilter filter;
};

// The loaded exporter and the parsed filter, or nullopt with the problem sent
// (400 for an unknown format or a malformed filter, 503 when plugins failed).
std::optional<PreparedExport> prepare_export(Runtime& runtime, const ExportParams& params, http::Response& res);

void register_records_routes(http::Router& router, Runtime& runtime);

}  // namespace trellis
