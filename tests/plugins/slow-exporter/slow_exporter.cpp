// A test exporter that takes its time: every batch waits delay_ms (a setting)
// before it writes one line per statement (its id), stopping at once when the
// host cancels. Lets the export-job tests watch a running export and cancel it.
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "trellis/cpp/plugin.hpp"

namespace {

class SlowSession : public trellis::ExportSession {
 public:
  SlowSession(trellis::Output output, int delay_ms) : output_(output), delay_ms_(delay_ms) {}

  void write_batch(const std::vector<trellis::Record>& records, trellis::Outcomes& outcomes,
                   const trellis::Cancel& cancel) override {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms_);
    while (std::chrono::steady_clock::now() < until) {
      cancel.check();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    cancel.check();
    std::string lines;
    for (const auto& r : records) lines += std::string(r.statement_id) + "\n";
    output_.write(lines);
    for (size_t i = 0; i < records.size(); ++i) outcomes.delivered(i);
  }

 private:
  trellis::Output output_;
  int delay_ms_;
};

class SlowExporter : public trellis::Plugin, public trellis::Exporter {
 public:
  explicit SlowExporter(trellis::Host host) : host_(host) {}
  const char* format() const override { return "slow"; }
  const char* media_type() const override { return "text/plain"; }
  std::unique_ptr<trellis::ExportSession> open(const trellis::ExportOptions&, trellis::Output output) override {
    int delay = std::atoi(host_.setting("delay_ms").value_or("0").c_str());
    return std::make_unique<SlowSession>(output, delay);
  }

 private:
  trellis::Host host_;
};

}  // namespace

TRELLIS_PLUGIN(SlowExporter, "slow-exporter", "1.0.0")
