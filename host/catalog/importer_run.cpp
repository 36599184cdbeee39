#include "catalog/importer_run.hpp"

#include <algorithm>

#include "package/c_package.hpp"
#include "plugins/abi_strings.hpp"

namespace trellis::catalog {
namespace {

std::string view(trellis_str s) { return std::string(plugins::to_view(s)); }

struct RunContext {
  ImporterRun* run;
  ModelStaging* staging;
};

void on_diagnostic(void* ctx, const trellis_diagnostic* d) {
  auto* run = static_cast<RunContext*>(ctx)->run;
  if (d == nullptr || !TRELLIS_HAS_FIELD(d, trellis_diagnostic, line)) return;
  run->diagnostics.push_back(
      {severity_name(d->severity), view(d->code), view(d->message), view(d->file), d->line});
}

// Every model part goes through one gate: after the first refusal, all are refused.
template <typename Stage>
trellis_status take_part(void* ctx, trellis_str json, Stage stage) {
  auto* c = static_cast<RunContext*>(ctx);
  if (c->run->model_error) return TRELLIS_ERR_INVALID_INPUT;
  try {
    if (auto st = stage(*c->staging, plugins::to_view(json)); !st) {
      c->run->model_error = st.error();
      return st.error().kind == ErrorKind::invalid_input ? TRELLIS_ERR_INVALID_INPUT : TRELLIS_ERR_IO;
    }
  } catch (const std::exception& e) {
    c->run->model_error = make_error(ErrorKind::internal, e.what());
    return TRELLIS_ERR_INTERNAL;
  }
  return TRELLIS_OK;
}

trellis_status on_course(void* ctx, trellis_str json) {
  return take_part(ctx, json, [](ModelStaging& s, std::string_view j) { return s.set_course(j); });
}
trellis_status on_begin_course(void* ctx, trellis_str json) {
  return take_part(ctx, json, [](ModelStaging& s, std::string_view j) { return s.begin_course(j); });
}
trellis_status on_node(void* ctx, trellis_str json) {
  return take_part(ctx, json, [](ModelStaging& s, std::string_view j) { return s.add_node(j); });
}
trellis_status on_resource(void* ctx, trellis_str json) {
  return take_part(ctx, json, [](ModelStaging& s, std::string_view j) { return s.add_resource(j); });
}

// Importers sharing a reader (the two SCORM ones) say the same thing: once is enough.
void add_hints(std::vector<std::string>& hints, std::vector<std::string> more) {
  for (auto& h : more)
    if (std::find(hints.begin(), hints.end(), h) == hints.end()) hints.push_back(std::move(h));
}

// What the importers nearly recognised (importer.h, near_miss), after the refusal.
std::string hint_text(const std::vector<std::string>& hints) {
  std::string out;
  for (const auto& h : hints) out += (out.empty() ? "; " : "; also ") + h;
  return out;
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
                         bool validate_only, ModelStaging& staging, const ProgressFn& progress) {
  ImporterRun run;
  package::CPackage cpackage(package, read_limit);
  const plugins::Capability<trellis_importer_v1>* best = nullptr;
  int32_t best_score = 0;
  std::string tried;
  uint64_t asked = 0;
  std::vector<std::string> hints;
  for (const auto& imp : importers) {
    report_progress(progress, "detecting the format", asked++, importers.size());
    plugins::CollectingSink what(4096);  // a one-line description, not a document
    cpackage.listen_for_hints();
    int32_t score = imp.table->detect(imp.state, cpackage.get(), what.get());
    if (score <= 0) add_hints(hints, cpackage.take_hints());
    else cpackage.take_hints();
    tried += (tried.empty() ? "" : ", ") + std::string(imp.table->format);
    if (score > best_score) {
      best_score = score;
      best = &imp;
      run.description = what.str();
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
                             : "no importer recognised this package (formats tried: " + tried + ")" +
                                   hint_text(hints),
           "", 0});
    return run;
  }
  cpackage.forget_read_error();
  run.format = best->table->format;
  run.plugin_id = best->plugin->id;
  report_progress(progress, "running the " + run.format + " importer");
  trellis_import_options options{};
  options.struct_size = sizeof options;
  options.schema_dir = plugins::to_str(schema_dir);
  options.validate_only = validate_only ? 1 : 0;
  trellis_import_report report{};
  report.struct_size = sizeof report;
  RunContext context{&run, &staging};
  report.ctx = &context;
  report.diagnostic = &on_diagnostic;
  report.set_course = &on_course;
  report.begin_course = &on_begin_course;
  report.add_node = &on_node;
  report.add_resource = &on_resource;
  trellis_status st = best->table->import_package(best->state, cpackage.get(), &options, &report, nullptr);
  // The refused read is the reason the importer stopped; one error says it.
  if (!cpackage.last_read_error().empty())
    run.diagnostics.push_back({"error", "package.read-refused", cpackage.last_read_error(), "", 0});
  else if (st != TRELLIS_OK && !run.model_error)  // a refused model part is the reason; it is reported as such
    run.diagnostics.push_back({"error", "import.importer-failed",
                               "the " + run.format + " importer (plugin " + run.plugin_id +
                                   ") stopped with status " + std::to_string(st),
                               "", 0});
  return run;
}

}  // namespace trellis::catalog
