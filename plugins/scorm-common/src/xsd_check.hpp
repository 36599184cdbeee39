// XSD validation of imsmanifest.xml with libxml2, against the schemas the package
// carries or, when the admin configured one, a trusted schema folder. Schemas are
// served to libxml2 by an entity loader that knows only those two places (the W3C
// xml.xsd URL maps to the local copy, like a catalog); every other URL, network
// ones above all, is refused. Bundled schema files are compared with the published
// copies' SHA-256 so the report says whether they are standard or modified.
// The schemas are compiled from what the root element names (so the manifest need
// not be parsed whole for them) and the validator follows a streamed read of the
// manifest, as it always followed the parser's events: no tree is built.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scorm_detect.hpp"
#include "trellis/import_kit/findings.hpp"
#include "xml_source.hpp"

namespace trellis::scorm {

struct XsdRequest {
  std::string schema_location;               // the root's xsi:schemaLocation
  std::vector<std::string> root_namespaces;  // namespaces the root declares, in document order
  Standard standard = Standard::scorm12;
  std::string edition;
  std::string root;        // folder of the manifest inside the package
  std::string schema_dir;  // trusted folder, or "" for the package's own schemas
  std::function<std::optional<std::string>(const std::string&)> read;  // package files
};

class XsdCheck {
 public:
  XsdCheck();
  // Compiles the schemas the root names and validates `manifest` against them,
  // streamed (its text whole only when libxml2 refuses to stream it).
  void validate(const XsdRequest& request, const XmlSource& manifest, kit::Findings& findings);

 private:
  std::mutex mutex_;  // libxml2's entity loader is process-wide
};

// SHA-256 of a schema file as the known-copies table keys it: CRLF read as LF.
std::string schema_digest(std::string_view content);
// Whether `digest` is a published copy of the schema file named `file_name`.
bool is_standard_schema(std::string_view file_name, std::string_view digest);

}  // namespace trellis::scorm
