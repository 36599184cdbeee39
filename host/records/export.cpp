#include "records/export.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "plugins/abi_strings.hpp"

namespace trellis::records {
namespace {

// What a plugin may say about a failure: a message, never a document.
constexpr size_t kMessageCap = 64 * 1024;


Error plugin_error(const Exporter& exporter, const char* step, trellis_status status, const std::string& message) {
  // Data the plugin could not turn into its format is the records' problem; the
  // rest (a broken pipe, a plugin bug) is the environment's.
  if (status == TRELLIS_ERR_CANCELLED) return make_error(ErrorKind::conflict, "the export was cancelled");
  ErrorKind kind = status == TRELLIS_ERR_INVALID_INPUT ? ErrorKind::invalid_input : ErrorKind::environment;
  return make_error(kind, "exporter '" + exporter.plugin->id + "' failed to " + step + ": " +
                              (message.empty() ? "status " + std::to_string(status) : message));
}

struct OutputSink {
  const ExportRequest* request;
  bool broken = false;
  trellis_sink sink{this, [](void* ctx, trellis_str bytes) -> trellis_status {
                      auto* self = static_cast<OutputSink*>(ctx);
                      if (self->broken) return TRELLIS_ERR_IO;
                      if (!self->request->write(std::string_view(bytes.data, bytes.size))) self->broken = true;
                      return self->broken ? TRELLIS_ERR_IO : TRELLIS_OK;
                    }};
};

}  // namespace

Result<Exporter> find_file_exporter(plugins::PluginManager& plugins, std::string_view format) {
  for (const auto& e : plugins.exporters())
    if (e.table->format == format && e.table->media_type && *e.table->media_type) return e;
  return make_error(ErrorKind::not_found, "no exporter plugin for format '" + std::string(format) +
                                              "' is loaded (available: " + available_formats(plugins) + ")");
}

std::string available_formats(plugins::PluginManager& plugins) {
  std::set<std::string> formats;
  for (const auto& e : plugins.exporters())
    if (e.table->media_type && *e.table->media_type) formats.insert(e.table->format);
  std::string out;
  for (const auto& f : formats) out += (out.empty() ? "" : ", ") + f;
  return out.empty() ? "none" : out;
}

Result<int64_t> export_records(store::Database& db, const Exporter& exporter, const ExportRequest& request) {
  auto up_to = last_statement_seq(db);
  if (!up_to) return up_to.error();
  OutputSink output{&request};
  plugins::CollectingSink error_sink(kMessageCap);
  trellis_export_options options{};
  options.struct_size = sizeof options;
  options.output = &output.sink;
  void* session = nullptr;
  if (trellis_status st = exporter.table->open(exporter.state, &options, &session, error_sink.get()); st != TRELLIS_OK)
    return plugin_error(exporter, "start", st, error_sink.str());

  struct CancelState {
    const ExportRequest* request;
  } cancel_state{&request};
  trellis_cancel cancel{&cancel_state, [](void* ctx) -> int32_t {
                          const auto* r = static_cast<CancelState*>(ctx)->request;
                          return r->cancelled && r->cancelled() ? 1 : 0;
                        }};
  int64_t sent = 0;
  // A window from the first seq to the one the export began at, moved on a page at a time.
  StatementFilter window = request.filter;
  window.after_seq = 0;
  window.through_seq = *up_to;
  Status failure;
  uint64_t total = 0;
  if (request.progress) {
    auto counted = count_statements(db, window);
    if (!counted) failure = counted.error();
    else total = static_cast<uint64_t>(*counted);
    report_progress(request.progress, kExportStep, 0, total);
  }
  std::vector<trellis_record> batch;
  while (failure.ok()) {
    // Between pages too: a plugin may finish a batch without asking.
    if (request.cancelled && request.cancelled()) {
      failure = make_error(ErrorKind::conflict, "the export was cancelled");
      break;
    }
    auto page = export_page(db, window, request.page_size);
    if (!page) {
      failure = page.error();
      break;
    }
    if (page->empty()) break;
    batch.clear();
    for (const auto& s : *page)
      batch.push_back({sizeof(trellis_record), to_str(s.id), to_str(s.statement), to_str(s.stored)});
    trellis_status st = exporter.table->write_batch(session, batch.data(), batch.size(), nullptr, &cancel, error_sink.get());
    if (st != TRELLIS_OK) {
      failure = output.broken ? make_error(ErrorKind::environment, "the export's reader stopped reading")
                              : plugin_error(exporter, "write", st, error_sink.str());
      break;
    }
    sent += static_cast<int64_t>(page->size());
    // Statements stored after the count cannot enter the window, so sent <= total.
    report_progress(request.progress, kExportStep, static_cast<uint64_t>(sent), total);
    window.after_seq = page->back().seq;
    if (static_cast<int>(page->size()) < request.page_size) break;
  }
  trellis_status closed = exporter.table->close(session, error_sink.get());
  if (!failure) return failure.error();
  if (closed != TRELLIS_OK) return plugin_error(exporter, "finish", closed, error_sink.str());
  return sent;
}

}  // namespace trellis::records
