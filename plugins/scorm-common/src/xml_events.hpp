// The events a manifest reader consumes, whichever parser produced them: elements
// with their attributes under their qualified names, xmlns declarations included
// (as pugixml presents them, so import_kit's namespace helpers keep working), and
// text nodes as pugixml keeps them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace trellis::scorm {

struct XmlAttribute {
  std::string_view name;   // qualified, as written: "adlcp:scormtype", "xmlns:adlcp", "xml:base"
  std::string_view value;  // references resolved, whitespace normalised as in any XML attribute
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `line`: 1-based line of the start tag's '<' (0 when unknown).
  virtual void start_element(std::string_view name, const std::vector<XmlAttribute>& attributes, uint32_t line) = 0;
  virtual void end_element() = 0;
  // PCDATA (never whitespace-only: pugixml drops those) or CDATA directly inside the open element.
  virtual void text(std::string_view value, bool cdata) = 0;
  // Whether text at this point is used at all, so a parser need not collect it.
  virtual bool wants_text() const = 0;
  // Whether the handler has all it needs, so a parser may stop early.
  virtual bool finished() const = 0;
};

}  // namespace trellis::scorm
