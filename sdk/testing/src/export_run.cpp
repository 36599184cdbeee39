#include "trellis/testing/export_run.hpp"

#include <algorithm>

#include "trellis/cpp/core.hpp"
#include "trellis/testing/text_sink.hpp"

namespace trellis::testing {
namespace {

// The outcome sink of one batch: indexes are the batch's, stored as the run's.
struct Outcomes {
  ExportRun* run;
  size_t base = 0, size = 0;
  trellis_record_outcome_sink sink{sizeof(trellis_record_outcome_sink), this, &Outcomes::outcome};

  static void outcome(void* ctx, size_t index, trellis_status status, trellis_str reason) {
    auto* self = static_cast<Outcomes*>(ctx);
    try {
      std::string why(to_view(reason));
      self->run->reports.push_back({self->size, index, status, why});
      if (index < self->size) self->run->outcomes[self->base + index] = {status, std::move(why)};
    } catch (...) {
    }
  }
};

template <typename F>
bool guarded(ExportRun& run, const char* step, int32_t& status, F&& call) {
  try {
    status = call();
    return true;
  } catch (...) {
    run.threw_in = step;
    status = TRELLIS_ERR_INTERNAL;
    return false;
  }
}

}  // namespace

ExportRun export_with(const trellis_exporter_v1* exporter, void* state, const std::vector<TestRecord>& records,
                      const ExportRequest& request) {
  ExportRun out;
  out.outcomes.resize(records.size());
  TextSink output(request.output_cap), error(request.error_cap);
  trellis_export_options options{};
  options.struct_size = sizeof options;
  options.destination = to_str(request.destination);
  options.output = request.with_output ? output.get() : nullptr;
  void* session = nullptr;
  bool alive = guarded(out, "open", out.open_status, [&] { return exporter->open(state, &options, &session, error.get()); });
  if (alive && out.open_status == TRELLIS_OK) {
    Outcomes outcomes{&out};
    size_t step = std::max<size_t>(request.batch_size, 1);
    out.write_status = TRELLIS_OK;
    bool once = records.empty() && request.empty_batch;
    for (size_t at = 0; alive && out.write_status == TRELLIS_OK && (at < records.size() || once); at += step) {
      once = false;
      std::vector<trellis_record> batch;
      for (size_t i = at; i < records.size() && i < at + step; ++i)
        batch.push_back({sizeof(trellis_record), to_str(records[i].id), to_str(records[i].json), to_str(records[i].stored)});
      outcomes.base = at;
      outcomes.size = batch.size();
      alive = guarded(out, "write_batch", out.write_status, [&] {
        return exporter->write_batch(session, batch.data(), batch.size(), &outcomes.sink, request.cancel, error.get());
      });
    }
    if (alive) guarded(out, "close", out.close_status, [&] { return exporter->close(session, error.get()); });
  }
  out.output = output.take();
  out.error = error.take();
  return out;
}

}  // namespace trellis::testing
