#include "trellis/testing/exporter.hpp"

namespace trellis::testing {
namespace {
const trellis_exporter_v1* exporter_of(const void* table) { return static_cast<const trellis_exporter_v1*>(table); }
}  // namespace

std::string LoadedExporter::format() const { return loaded() ? exporter_of(table())->format : ""; }
std::string LoadedExporter::media_type() const { return loaded() ? exporter_of(table())->media_type : ""; }

ExportRun LoadedExporter::run(const std::vector<TestRecord>& records, size_t batch_size, const std::string& destination,
                              bool with_output) const {
  ExportRequest request;
  request.batch_size = batch_size;
  request.destination = destination;
  request.with_output = with_output;
  request.cancel = cancel().token();
  return run(records, request);
}

ExportRun LoadedExporter::run(const std::vector<TestRecord>& records, const ExportRequest& request) const {
  if (!loaded()) {
    ExportRun out;
    out.open_status = TRELLIS_ERR_INTERNAL;
    out.error = not_loaded();
    return out;
  }
  return export_with(exporter_of(table()), state(), records, request);
}

}  // namespace trellis::testing
