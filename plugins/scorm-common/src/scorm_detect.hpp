// Which SCORM a manifest is: read from its namespaces and <schemaversion>, the way
// real packages actually write them ("1.2", "CAM 1.3", "2004 3rd Edition", ...).
#pragma once

#include <string>
#include <string_view>

namespace trellis::scorm {

enum class Standard { none, scorm12, scorm2004 };

struct Detected {
  Standard standard = Standard::none;
  std::string edition;        // "2nd" | "3rd" | "4th" for SCORM 2004, else ""
  bool edition_assumed = false;  // no edition named; inferred from the features used
  std::string schemaversion;  // as written (trimmed)
  bool readable = false;      // the manifest parsed and its root is <manifest>
};

const char* ns_adlcp12();
const char* ns_adlcp2004();
const char* ns_imsss();
const char* ns_adlseq();
const char* ns_adlnav();

// Classifies a manifest's bytes; never throws for foreign or broken input.
Detected detect_manifest(std::string_view xml);

// The edition a <schemaversion> names, or "" when it names none ("1.2", "CAM 1.3" = 2nd).
std::string edition_of_schemaversion(std::string_view schemaversion);

}  // namespace trellis::scorm
