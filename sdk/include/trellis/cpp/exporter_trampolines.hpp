// The C entry points of trellis.exporter/1, forwarding to a trellis::Exporter
// and the sessions it opens. Included by plugin.hpp.
#ifndef TRELLIS_CPP_EXPORTER_TRAMPOLINES_HPP
#define TRELLIS_CPP_EXPORTER_TRAMPOLINES_HPP

#include <memory>
#include <string>
#include <vector>

#include "trellis/cpp/exporter.hpp"
#include "trellis/cpp/trampoline.hpp"

namespace trellis {
inline namespace sdk1 {
namespace detail {

inline trellis_status exporter_open(void* state, const trellis_export_options* options, void** session,
                                    const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    ExportOptions opts;
    const trellis_sink* output = nullptr;
    if (TRELLIS_HAS_FIELD(options, trellis_export_options, destination))
      opts.destination = std::string(to_view(options->destination));
    if (TRELLIS_HAS_FIELD(options, trellis_export_options, output)) output = options->output;
    *session = instance(state)->exporter->open(opts, Output(output)).release();
  });
}

inline trellis_status exporter_write_batch(void* session, const trellis_record* records, size_t count,
                                           const trellis_record_outcome_sink* outcomes, const trellis_cancel* cancel,
                                           const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    std::vector<Record> batch;
    batch.reserve(count);
    for (size_t i = 0; i < count; ++i)
      batch.push_back({to_view(records[i].statement_id), to_view(records[i].statement_json), to_view(records[i].stored)});
    Outcomes o(outcomes);
    static_cast<ExportSession*>(session)->write_batch(batch, o, Cancel(cancel));
  });
}

// Frees the session even when its close() throws: close is the host's last call.
inline trellis_status exporter_close(void* session, const trellis_sink* error) noexcept {
  std::unique_ptr<ExportSession> owned(static_cast<ExportSession*>(session));
  return guarded(error, [&] {
    if (owned) owned->close();
  });
}

// Makes `inst` serve trellis.exporter/1 through `exporter` (called from init).
inline void attach_exporter(Instance& inst, Exporter& exporter) {
  inst.exporter = &exporter;
  trellis_exporter_v1& table = inst.exporter_table;
  table.struct_size = sizeof table;
  table.format = exporter.format();
  table.media_type = exporter.media_type();
  table.open = &exporter_open;
  table.write_batch = &exporter_write_batch;
  table.close = &exporter_close;
}

}  // namespace detail
}  // namespace sdk1
}  // namespace trellis

#endif
