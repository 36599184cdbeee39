// Runs an importer's detect and import_package (trellis.importer/1) over a
// MemoryPackage and collects what it reports: diagnostics, and the course model
// whether handed over whole (set_course) or streamed (begin_course, add_node,
// add_resource; put back into one document here).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "trellis/importer.h"
#include "trellis/testing/package.hpp"

namespace trellis::testing {

struct ReportedDiagnostic {
  int severity = 0;  // TRELLIS_SEVERITY_*
  std::string code;
  std::string message;
  std::string file;
  uint32_t line = 0;
};

struct ImportOutcome {
  int32_t status = -1;
  bool threw = false;  // an exception crossed the ABI boundary
  std::vector<ReportedDiagnostic> diagnostics;
  bool has_course = false;
  bool streamed = false;  // the importer used begin_course/add_node/add_resource
  int course_calls = 0;   // set_course calls (the contract allows one)
  size_t parts = 0;       // streamed nodes and resources (counted whether or not parsed)
  std::string course_json;
  nlohmann::json course;  // parsed course_json; discarded (is_discarded()) when it is not JSON

  int errors() const;
  bool rejected() const { return errors() > 0; }
  bool has_code(const std::string& code) const;
  const ReportedDiagnostic* find(const std::string& code) const;
  // Every diagnostic on its own line, for test failure messages.
  std::string summary() const;
};

struct Detection {
  int confidence = 0;
  std::string what;
  bool threw = false;
  std::vector<std::string> near_misses;  // hints the detect gave through trellis_package.near_miss
};

struct ImportRequest {
  std::string schema_dir;
  bool validate_only = false;
  // False keeps only course_json (benchmarks time the importer, not this
  // parser); a streamed course is then only counted (has_course, empty JSON).
  bool parse_course = true;
  const trellis_cancel* cancel = nullptr;  // NULL: the call cannot be cancelled
  // Seen first, as the importer reports them (the probe checks each one).
  std::function<void(const trellis_diagnostic*)> on_diagnostic;
  std::function<void(std::string_view course_json)> on_set_course;
};

Detection detect_with(const trellis_importer_v1* importer, void* state, const MemoryPackage& package);
ImportOutcome import_with(const trellis_importer_v1* importer, void* state, const MemoryPackage& package,
                          const ImportRequest& request);

}  // namespace trellis::testing
