// A manifest streamed through libxml2's SAX2 push parser into an XmlHandler, never
// holding its text. The parse keeps the old safety rules: no DTD is loaded, no
// entity is expanded, nothing is fetched; a DOCTYPE stops it at once. Anything
// libxml2 will not read (a DOCTYPE, text that is not well-formed, a parser limit)
// is "refused": the caller then reads the text the way it always did, in memory
// with pugixml, so such manifests get exactly the diagnostics they used to.
#pragma once

#include "xml_events.hpp"
#include "xml_source.hpp"

struct _xmlParserCtxt;
struct _xmlError;

namespace trellis::scorm {

// Something riding along one streamed parse (XSD validation): plugged into the
// parser before the first piece, unplugged after the last, and told every error
// libxml2 raises while parsing.
class StreamRider {
 public:
  virtual ~StreamRider() = default;
  virtual void attach(_xmlParserCtxt* parser) = 0;
  virtual void detach() = 0;
  virtual void parser_error(const _xmlError* error) = 0;
};

enum class XmlOutcome {
  complete,  // well-formed to the end
  stopped,   // the handler had all it needed before the end
  refused,   // a DOCTYPE, not well-formed, or over a libxml2 limit
};

// Exceptions thrown by the handler or the source propagate (after the parser is freed).
XmlOutcome stream_xml(const XmlSource& source, XmlHandler& handler, StreamRider* rider = nullptr);

}  // namespace trellis::scorm
