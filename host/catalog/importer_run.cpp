#include "catalog/importer_run.hpp"

#include "package/c_package.hpp"

namespace trellis::catalog {
namespace {

std::string view(trellis_str s) { return s.data == nullptr ? std::string() : std::string(s.data, s.size); }

trellis_status append_to_string(void* ctx, trellis_str bytes) {
  auto* out = static_cast<std::string*>(ctx);
  if (out->size() + bytes.size > 4096) return TRELLIS_ERR_LIMIT;
  out->append(bytes.data, bytes.size);
  return TRELLIS_OK;
}

void on_diagnostic(void* ctx, const trellis_diagnostic* d) {
  auto* run = static_cast<ImporterRun*>(ctx);
  if (d == nullptr || !TRELLIS_HAS_FIELD(d, trellis_diagnostic, line)) return;
  run->diagnostics.push_back(
      {severity_name(d->severity), view(d->code), view(d->message), view(d->file), d->line});
}

trellis_status on_course(void* ctx, trellis_str json) {
  auto* run = static_cast<ImporterRun*>(ctx);
  if (run->course_json) return TRELLIS_ERR_INVALID_ARGUMENT;
  run->course_json = view(json);
  return TRELLIS_OK;
}

}  // namespace

std::string severity_name(int32_t severity) {
  switch (severity) {
    case TRELLIS_SEVERITY_INFO: return "info";
    case TRELLIS_SEVERITY_WARNING: return "warning";
    default: return "error";  // an unknown severity is treated as the strictest
  }
}

ImporterRun run_importer(const std::vector<plugins::Capability<trellis_importer_v1>>& importers,
                         const package::Package& package, uint64_t read_limit, const std::string& schema_dir,
                         bool validate_only) {
  ImporterRun run;
  package::CPackage cpackage(package, read_limit);
  const plugins::Capability<trellis_importer_v1>* best = nullptr;
  int32_t best_score = 0;
  std::string tried;
  for (const auto& imp : importers) {
    std::string what;
    trellis_sink sink{&what, &append_to_string};
    int32_t score = imp.table->detect(imp.state, cpackage.get(), &sink);
    tried += (tried.empty() ? "" : ", ") + std::string(imp.table->format);
    if (score > best_score) {
      best_score = score;
      best = &imp;
      run.description = what;
    }
  }
  if (best == nullptr) {
    // A refused read (a manifest over the limit) is why nothing recognised the
    // package: say that, not "unknown format".
    if (!cpackage.last_read_error().empty())
      run.diagnostics.push_back({"error", "package.read-refused",
                                 cpackage.last_read_error() + ", so no importer could recognise the package "
                                                              "(formats tried: " + tried + ")",
                                 "", 0});
    else
      run.diagnostics.push_back(
          {"error", "import.format-unknown",
           importers.empty() ? "no importer plugin is enabled, so no package format can be recognised"
                             : "no importer recognised this package (formats tried: " + tried + ")",
           "", 0});
    return run;
  }
  cpackage.forget_read_error();
  run.format = best->table->format;
  run.plugin_id = best->plugin->id;
  trellis_import_options options{};
  options.struct_size = sizeof options;
  options.schema_dir = trellis_str{schema_dir.data(), schema_dir.size()};
  options.validate_only = validate_only ? 1 : 0;
  trellis_import_report report{};
  report.struct_size = sizeof report;
  report.ctx = &run;
  report.diagnostic = &on_diagnostic;
  report.set_course = &on_course;
  trellis_status st = best->table->import_package(best->state, cpackage.get(), &options, &report, nullptr);
  // The refused read is the reason the importer stopped; one error says it.
  if (!cpackage.last_read_error().empty())
    run.diagnostics.push_back({"error", "package.read-refused", cpackage.last_read_error(), "", 0});
  else if (st != TRELLIS_OK)
    run.diagnostics.push_back({"error", "import.importer-failed",
                               "the " + run.format + " importer (plugin " + run.plugin_id +
                                   ") stopped with status " + std::to_string(st),
                               "", 0});
  return run;
}

}  // namespace trellis::catalog
