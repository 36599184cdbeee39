// libFuzzer: arbitrary bytes as imsmanifest.xml through detection, the parser and
// its rules, for both standards, streamed in pieces whose size the input picks
// (so libxml2's chunk boundaries fall everywhere). Files "exist" by a hash of
// their name so the file checks run too. Any crash, leak or sanitizer report is a
// finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "manifest_parser.hpp"
#include "scorm_detect.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  size_t piece = size == 0 ? 1 : 1 + data[size - 1] % 97;
  trellis::scorm::XmlSource source = trellis::scorm::source_of(xml, piece);
  trellis::scorm::Detected d = trellis::scorm::detect_manifest(source);
  for (auto standard : {trellis::scorm::Standard::scorm12, trellis::scorm::Standard::scorm2004}) {
    trellis::scorm::ManifestInput in;
    in.source = source;
    in.standard = standard;
    in.edition = d.edition.empty() ? "4th" : d.edition;
    in.exists = [](const std::string& p) { return p.size() % 2 == 0; };
    in.read = [](const std::string& p) -> std::optional<std::string> {
      if (p.size() % 3) return std::nullopt;
      return std::string("<lom xmlns=\"http://ltsc.ieee.org/xsd/LOM\"><general/></lom>");
    };
    trellis::kit::Findings findings("imsmanifest.xml");
    trellis::scorm::ManifestDocument r = trellis::scorm::parse_manifest_document(in, findings);
    if (r.course) (void)r.course->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return 0;
}
