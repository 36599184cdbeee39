// libFuzzer target: any bytes as cmi5.xml, through parsing, the rules and the
// course model. It must never crash, hang, leak or hit UB, whatever it reports.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "importer.hpp"

namespace {
class FilesFromInput : public trellis::kit::PackageFiles {
 public:
  // Pretends every second path exists, so both answers of the file check run.
  bool exists(std::string_view path) const override { return path.size() % 2 == 0; }
  size_t file_count() const override { return 2; }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  FilesFromInput files;
  for (bool structure_only : {false, true}) {
    trellis::kit::Findings findings("cmi5.xml");
    trellis::cmi5::ImportInput input;
    input.xml = xml;
    input.files = &files;
    input.structure_only = structure_only;
    (void)trellis::cmi5::import_course_structure(input, findings);
  }
  return 0;
}
