// Loading a manifest with pugixml the one safe way: well-formedness reported with
// its line, DOCTYPEs refused outright (so no entity expands and nothing external
// is ever fetched, whoever parses the bytes next).
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

#include "trellis/import_kit/findings.hpp"
#include "trellis/import_kit/line_index.hpp"

namespace trellis::kit {

// Reports "<prefix>.xml.malformed" or "<prefix>.xml.doctype" and returns false on failure.
inline bool load_manifest(pugi::xml_document& doc, std::string_view xml, const LineIndex& lines,
                          const std::string& prefix, const std::string& what, Findings& findings) {
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype);
  if (!parsed) {
    findings.error(prefix + ".xml.malformed", what + " is not well-formed XML: " + parsed.description() + ".",
                   lines.line_of(parsed.offset));
    return false;
  }
  for (pugi::xml_node n : doc.children())
    if (n.type() == pugi::node_doctype) {
      findings.error(prefix + ".xml.doctype", what + " declares a DOCTYPE; DTDs and entities are not accepted.",
                     lines.line_of(n.offset_debug()));
      return false;
    }
  return true;
}

}  // namespace trellis::kit
