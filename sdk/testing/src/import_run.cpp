#include "trellis/testing/import_run.hpp"

#include <optional>

#include "trellis/cpp/core.hpp"
#include "trellis/testing/course_model.hpp"
#include "trellis/testing/text_sink.hpp"

namespace trellis::testing {
namespace {

// The report's context: everything the importer hands over during one import.
struct Collector {
  const ImportRequest* request;
  ImportOutcome* out;
  std::string course_json;
  std::optional<nlohmann::json> header;
  std::vector<nlohmann::json> nodes;
  nlohmann::json resources = nlohmann::json::array();
  size_t parts = 0;
  bool part_refused = false;

  trellis_status refuse_part() {
    part_refused = true;
    return TRELLIS_ERR_INVALID_INPUT;
  }
  static Collector& of(void* ctx) { return *static_cast<Collector*>(ctx); }

  static void diagnostic(void* ctx, const trellis_diagnostic* d) {
    Collector& c = of(ctx);
    try {
      if (c.request->on_diagnostic) c.request->on_diagnostic(d);
      if (d == nullptr) return;
      c.out->diagnostics.push_back({d->severity, std::string(to_view(d->code)), std::string(to_view(d->message)),
                                    std::string(to_view(d->file)), d->line});
    } catch (...) {
    }
  }
  static trellis_status set_course(void* ctx, trellis_str json) {
    Collector& c = of(ctx);
    try {
      if (c.request->on_set_course) c.request->on_set_course(to_view(json));
      if (++c.out->course_calls > 1 || c.header) return TRELLIS_ERR_INVALID_ARGUMENT;  // at most once, never both forms
      c.course_json = std::string(to_view(json));
      return TRELLIS_OK;
    } catch (...) {
      return TRELLIS_ERR_INTERNAL;
    }
  }
  // A streamed part: a JSON object, after begin_course (which comes once, first).
  // As the host: a refused part is INVALID_INPUT, and so is every part after it.
  static trellis_status part(void* ctx, trellis_str json, bool is_header, bool is_node) {
    Collector& c = of(ctx);
    try {
      if (c.part_refused) return TRELLIS_ERR_INVALID_INPUT;
      if (is_header ? (c.header.has_value() || c.out->course_calls > 0) : !c.header.has_value())
        return c.refuse_part();
      if (!is_header && !c.request->parse_course) return ++c.parts, TRELLIS_OK;
      auto value = nlohmann::json::parse(to_view(json), nullptr, false);
      if (!value.is_object() || (is_node && (!value.contains("parent") || !value.contains("position"))))
        return c.refuse_part();
      if (is_header) c.header = std::move(value);
      else if (is_node) c.nodes.push_back(std::move(value));
      else c.resources.push_back(std::move(value));
      return TRELLIS_OK;
    } catch (...) {
      return TRELLIS_ERR_INTERNAL;
    }
  }
  static trellis_status begin_course(void* ctx, trellis_str json) { return part(ctx, json, true, false); }
  static trellis_status add_node(void* ctx, trellis_str json) { return part(ctx, json, false, true); }
  static trellis_status add_resource(void* ctx, trellis_str json) { return part(ctx, json, false, false); }

  void finish() {
    if (header) {
      out->streamed = out->has_course = true;
      out->parts = request->parse_course ? nodes.size() + resources.size() : parts;
      if (!request->parse_course) return;
      course_json = reassemble_course(std::move(*header), std::move(nodes), std::move(resources)).dump();
    }
    if (course_json.empty()) return;
    out->has_course = true;
    out->course_json = std::move(course_json);
    if (request->parse_course) out->course = nlohmann::json::parse(out->course_json, nullptr, false);
  }
};

}  // namespace

int ImportOutcome::errors() const {
  int n = 0;
  for (const auto& d : diagnostics) n += d.severity == TRELLIS_SEVERITY_ERROR;
  return n;
}

const ReportedDiagnostic* ImportOutcome::find(const std::string& code) const {
  for (const auto& d : diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

bool ImportOutcome::has_code(const std::string& code) const { return find(code) != nullptr; }

std::string ImportOutcome::summary() const {
  std::string out = "status " + std::to_string(status) + (threw ? " (threw)" : "") + "\n";
  for (const auto& d : diagnostics)
    out += std::to_string(d.severity) + " " + d.code + " " + d.file + ":" + std::to_string(d.line) + " " + d.message + "\n";
  return out;
}

Detection detect_with(const trellis_importer_v1* importer, void* state, const MemoryPackage& package) {
  Detection out;
  PackageView view(package);
  TextSink what(1u << 16);
  try {
    out.confidence = importer->detect(state, view.get(), what.get());
  } catch (...) {
    out.threw = true;
  }
  out.what = what.take();
  out.near_misses = view.near_misses();
  return out;
}

ImportOutcome import_with(const trellis_importer_v1* importer, void* state, const MemoryPackage& package,
                          const ImportRequest& request) {
  ImportOutcome out;
  PackageView view(package);
  Collector collector{&request, &out, {}, {}, {}, nlohmann::json::array(), 0, false};
  trellis_import_report report{};
  report.struct_size = sizeof report;
  report.ctx = &collector;
  report.diagnostic = &Collector::diagnostic;
  report.set_course = &Collector::set_course;
  report.begin_course = &Collector::begin_course;
  report.add_node = &Collector::add_node;
  report.add_resource = &Collector::add_resource;
  trellis_import_options options{};
  options.struct_size = sizeof options;
  options.schema_dir = to_str(request.schema_dir);
  options.validate_only = request.validate_only ? 1 : 0;
  try {
    out.status = importer->import_package(state, view.get(), &options, &report, request.cancel);
  } catch (...) {
    out.threw = true;
    out.status = TRELLIS_ERR_INTERNAL;
  }
  collector.finish();
  return out;
}

}  // namespace trellis::testing
