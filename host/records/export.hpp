// Runs an export: finds the exporter plugin for a format, walks the stored
// statements that match a filter page by page, and hands each page to the plugin,
// which writes to `write`. Memory stays constant however many statements match.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/progress.hpp"
#include "core/result.hpp"
#include "plugins/manager.hpp"
#include "records/export_store.hpp"
#include "store/database.hpp"
#include "trellis/exporter.h"

namespace trellis::records {

using Exporter = plugins::Capability<trellis_exporter_v1>;

// The loaded file exporter for `format` ("jsonl", "csv", ...); not_found naming
// the formats available otherwise. Remote exporters (no media type) are not formats.
Result<Exporter> find_file_exporter(plugins::PluginManager& plugins, std::string_view format);

// The formats the loaded file exporters offer, sorted.
std::string available_formats(plugins::PluginManager& plugins);

struct ExportRequest {
  StatementFilter filter;
  int page_size = 1000;
  // Receives the plugin's bytes; false stops the export (the reader went away).
  std::function<bool(std::string_view)> write;
  std::function<bool()> cancelled;  // may be empty; asked by the plugin and between pages
  // When set: the statements the filter selects are counted first (one more
  // query), then "exporting statements" is reported with those written so far
  // of that count after every page.
  ProgressFn progress;
};

inline constexpr std::string_view kExportStep = "exporting statements";

// Returns how many statements went out. A cancelled export is an error
// (ErrorKind::conflict, "the export was cancelled").
Result<int64_t> export_records(store::Database& db, const Exporter& exporter, const ExportRequest& request);

}  // namespace trellis::records
