// The C entry points of trellis.importer/1, forwarding to a trellis::Importer.
// Included by plugin.hpp.
#ifndef TRELLIS_CPP_IMPORTER_TRAMPOLINES_HPP
#define TRELLIS_CPP_IMPORTER_TRAMPOLINES_HPP

#include <string>

#include "trellis/cpp/importer.hpp"
#include "trellis/cpp/trampoline.hpp"

namespace trellis {
inline namespace sdk1 {
namespace detail {

// detect answers a number, not a status: a throwing detect means "not mine".
inline int32_t importer_detect(void* state, const trellis_package* package, const trellis_sink* what) noexcept {
  try {
    std::string description;
    int confidence = instance(state)->importer->detect(Package(package), description);
    if (confidence < 0) confidence = 0;
    if (confidence > 100) confidence = 100;
    if (confidence > 0) write_to(what, description);
    return confidence;
  } catch (...) {
    return 0;
  }
}

// Collects the message of an escaped exception, which import_package has no
// error sink for, so it can become an error diagnostic the designer sees.
struct ReportingSink {
  const trellis_import_report* report;
  std::string text;
  trellis_sink sink{this, [](void* ctx, trellis_str b) -> trellis_status {
                      try {
                        static_cast<ReportingSink*>(ctx)->text.append(to_view(b));
                      } catch (...) {
                      }
                      return TRELLIS_OK;
                    }};
};

inline trellis_status importer_import(void* state, const trellis_package* package,
                                      const trellis_import_options* options, const trellis_import_report* report,
                                      const trellis_cancel* cancel) noexcept {
  ReportingSink failure{report, {}};
  trellis_status st = guarded(&failure.sink, [&] {
    ImportOptions opts;
    if (TRELLIS_HAS_FIELD(options, trellis_import_options, schema_dir))
      opts.schema_dir = std::string(to_view(options->schema_dir));
    if (TRELLIS_HAS_FIELD(options, trellis_import_options, validate_only))
      opts.validate_only = options->validate_only != 0;
    ImportReport r(report);
    instance(state)->importer->import_package(Package(package), opts, r, Cancel(cancel));
  });
  if (st != TRELLIS_OK && st != TRELLIS_ERR_CANCELLED) {
    try {
      ImportReport r(report);
      r.error("importer.failed", failure.text.empty() ? std::string("the importer failed") : failure.text);
    } catch (...) {
    }
  }
  return st;
}

// Makes `inst` serve trellis.importer/1 through `importer` (called from init).
inline void attach_importer(Instance& inst, Importer& importer) {
  inst.importer = &importer;
  trellis_importer_v1& table = inst.importer_table;
  table.struct_size = sizeof table;
  table.format = importer.format();
  table.detect = &importer_detect;
  table.import_package = &importer_import;
}

}  // namespace detail
}  // namespace sdk1
}  // namespace trellis

#endif
