#include "trellis/testing/importer.hpp"

namespace trellis::testing {
namespace {
const trellis_importer_v1* importer_of(const void* table) { return static_cast<const trellis_importer_v1*>(table); }
}  // namespace

std::string LoadedImporter::format() const { return loaded() ? importer_of(table())->format : ""; }

Detection LoadedImporter::detect(const MemoryPackage& package) const {
  if (!loaded()) return Detection{0, not_loaded(), false, {}};
  return detect_with(importer_of(table()), state(), package);
}

ImportOutcome LoadedImporter::import(const MemoryPackage& package, const std::string& schema_dir, bool validate_only,
                                     bool parse_course) const {
  ImportRequest request;
  request.schema_dir = schema_dir;
  request.validate_only = validate_only;
  request.parse_course = parse_course;
  request.cancel = cancel().token();
  return import(package, request);
}

ImportOutcome LoadedImporter::import(const MemoryPackage& package, const ImportRequest& request) const {
  if (!loaded()) {
    ImportOutcome out;
    out.status = TRELLIS_ERR_INTERNAL;
    out.diagnostics.push_back({TRELLIS_SEVERITY_ERROR, "testing.not-loaded", not_loaded(), "", 0});
    return out;
  }
  return import_with(importer_of(table()), state(), package, request);
}

}  // namespace trellis::testing
