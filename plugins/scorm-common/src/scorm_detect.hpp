// Which SCORM a manifest is: read from its namespaces and <schemaversion>, the way
// real packages actually write them ("1.2", "CAM 1.3", "2004 3rd Edition", ...).
// The manifest is streamed; only one libxml2 refuses is read whole, with pugixml.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "xml_source.hpp"

namespace trellis::scorm {

enum class Standard { none, scorm12, scorm2004 };

struct Detected {
  Standard standard = Standard::none;
  std::string edition;        // "2nd" | "3rd" | "4th" for SCORM 2004, else ""
  bool edition_assumed = false;  // no edition named; inferred from the features used
  std::string schemaversion;  // as written (trimmed)
  bool readable = false;      // the manifest parsed and its root is <manifest>
  // What the root says about schemas, for XSD validation: its xsi:schemaLocation
  // and the namespaces it declares, in document order.
  std::string schema_location;
  std::vector<std::string> root_namespaces;
};

const char* ns_adlcp12();
const char* ns_adlcp2004();
const char* ns_imsss();
const char* ns_adlseq();
const char* ns_adlnav();

// Classifies a manifest; never throws for foreign or broken input (read errors
// from the source propagate).
Detected detect_manifest(const XmlSource& source);
Detected detect_manifest(std::string_view xml);

// The edition a <schemaversion> names, or "" when it names none ("1.2", "CAM 1.3" = 2nd).
std::string edition_of_schemaversion(std::string_view schemaversion);

}  // namespace trellis::scorm
