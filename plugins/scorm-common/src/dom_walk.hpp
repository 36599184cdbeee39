// A pugixml document's element as XmlHandler events: how the readers see a manifest
// that libxml2 refused to stream and that pugixml, as always, still reads.
#pragma once

#include <pugixml.hpp>

#include "trellis/import_kit/line_index.hpp"
#include "xml_events.hpp"

namespace trellis::scorm {

// `element` and everything below it in document order; lines from `lines` (null: 0).
// Stops early when the handler is finished. Iterative: any depth is fine.
void walk_element(pugi::xml_node element, const kit::LineIndex* lines, XmlHandler& handler);

}  // namespace trellis::scorm
