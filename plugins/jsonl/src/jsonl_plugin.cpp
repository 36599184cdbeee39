// The JSON Lines exporter: one statement per line, byte for byte as the LRS
// stored it, so an archive can be re-imported or diffed against the LRS.
#include <algorithm>
#include <string>

#include "trellis/cpp/plugin.hpp"

namespace {

class JsonlSession : public trellis::ExportSession {
 public:
  explicit JsonlSession(trellis::Output output) : output_(output) {}

  void write_batch(const std::vector<trellis::Record>& records, trellis::Outcomes& outcomes,
                   const trellis::Cancel& cancel) override {
    cancel.check();
    buffer_.clear();
    for (const auto& r : records) append_line(r.statement_json);
    output_.write(buffer_);
    for (size_t i = 0; i < records.size(); ++i) outcomes.delivered(i);
  }

 private:
  // Valid JSON has raw line breaks only as whitespace between tokens (never inside
  // strings), so turning them into spaces keeps the statement and the line format.
  void append_line(std::string_view json) {
    size_t start = buffer_.size();
    buffer_.append(json);
    std::replace_if(buffer_.begin() + static_cast<std::ptrdiff_t>(start), buffer_.end(),
                    [](char c) { return c == '\n' || c == '\r'; }, ' ');
    buffer_.push_back('\n');
  }

  trellis::Output output_;
  std::string buffer_;
};

class JsonlExporter : public trellis::Plugin, public trellis::Exporter {
 public:
  explicit JsonlExporter(trellis::Host) {}
  const char* format() const override { return "jsonl"; }
  const char* media_type() const override { return "application/jsonl"; }
  std::unique_ptr<trellis::ExportSession> open(const trellis::ExportOptions&, trellis::Output output) override {
    if (!output.present()) throw trellis::Error(TRELLIS_ERR_INVALID_ARGUMENT, "the jsonl exporter needs an output stream");
    return std::make_unique<JsonlSession>(output);
  }
};

}  // namespace

TRELLIS_PLUGIN(JsonlExporter, "jsonl", "1.0.0")
