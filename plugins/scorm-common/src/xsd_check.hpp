// XSD validation of imsmanifest.xml with libxml2, against the schemas the package
// carries or, when the admin configured one, a trusted schema folder. Schemas are
// served to libxml2 by an entity loader that knows only those two places (the W3C
// xml.xsd URL maps to the local copy, like a catalog); every other URL, network
// ones above all, is refused. Bundled schema files are compared with the published
// copies' SHA-256 so the report says whether they are standard or modified.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "scorm_detect.hpp"
#include "trellis/import_kit/findings.hpp"

namespace trellis::scorm {

struct XsdRequest {
  std::string_view xml;
  Standard standard = Standard::scorm12;
  std::string edition;
  std::string root;        // folder of the manifest inside the package
  std::string schema_dir;  // trusted folder, or "" for the package's own schemas
  std::function<std::optional<std::string>(const std::string&)> read;  // package files
};

class XsdCheck {
 public:
  XsdCheck();
  void validate(const XsdRequest& request, kit::Findings& findings);

 private:
  std::mutex mutex_;  // libxml2's entity loader is process-wide
};

// SHA-256 of a schema file as the known-copies table keys it: CRLF read as LF.
std::string schema_digest(std::string_view content);
// Whether `digest` is a published copy of the schema file named `file_name`.
bool is_standard_schema(std::string_view file_name, std::string_view digest);

}  // namespace trellis::scorm
