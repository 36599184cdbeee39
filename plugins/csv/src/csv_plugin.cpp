// The CSV exporter: a header row, then one RFC 4180 row per statement with the
// columns of columns.hpp, for spreadsheets and HR systems.
#include <string>

#include "columns.hpp"
#include "rfc4180.hpp"
#include "trellis/cpp/plugin.hpp"

namespace {

class CsvSession : public trellis::ExportSession {
 public:
  explicit CsvSession(trellis::Output output) : output_(output) {
    std::string header;
    trellis::csv::append_record(header, trellis::csv::column_names());
    output_.write(header);
  }

  void write_batch(const std::vector<trellis::Record>& records, trellis::Outcomes& outcomes,
                   const trellis::Cancel& cancel) override {
    cancel.check();
    buffer_.clear();
    for (size_t i = 0; i < records.size(); ++i) {
      auto statement = nlohmann::json::parse(records[i].statement_json, nullptr, false);
      if (statement.is_discarded())
        throw trellis::InvalidInput("statement " + std::string(records[i].statement_id) + " is not JSON");
      trellis::csv::append_record(buffer_, trellis::csv::flatten_statement(statement));
    }
    output_.write(buffer_);
    for (size_t i = 0; i < records.size(); ++i) outcomes.delivered(i);
  }

 private:
  trellis::Output output_;
  std::string buffer_;
};

class CsvExporter : public trellis::Plugin, public trellis::Exporter {
 public:
  explicit CsvExporter(trellis::Host) {}
  const char* format() const override { return "csv"; }
  const char* media_type() const override { return "text/csv; charset=utf-8; header=present"; }
  std::unique_ptr<trellis::ExportSession> open(const trellis::ExportOptions&, trellis::Output output) override {
    if (!output.present()) throw trellis::Error(TRELLIS_ERR_INVALID_ARGUMENT, "the csv exporter needs an output stream");
    return std::make_unique<CsvSession>(output);
  }
};

}  // namespace

TRELLIS_PLUGIN(CsvExporter, "csv", "1.0.0")
