#include "dom_walk.hpp"

#include <vector>

namespace trellis::scorm {

void walk_element(pugi::xml_node element, const kit::LineIndex* lines, XmlHandler& handler) {
  if (element.type() != pugi::node_element) return;
  std::vector<XmlAttribute> attributes;
  auto open = [&](pugi::xml_node e) {
    attributes.clear();
    for (pugi::xml_attribute a : e.attributes()) attributes.push_back({a.name(), a.value()});
    handler.start_element(e.name(), attributes, lines ? lines->line_of(e.offset_debug()) : 0);
  };
  open(element);
  pugi::xml_node parent = element;  // the open element `at` belongs to
  pugi::xml_node at = element.first_child();
  while (!handler.finished()) {
    if (!at) {
      // The parent's children are done: close it and go on after it.
      handler.end_element();
      if (parent == element) return;
      at = parent.next_sibling();
      parent = parent.parent();
    } else if (at.type() == pugi::node_element) {
      open(at);
      parent = at;
      at = at.first_child();
    } else {
      if (at.type() == pugi::node_pcdata || at.type() == pugi::node_cdata)
        handler.text(at.value(), at.type() == pugi::node_cdata);
      at = at.next_sibling();
    }
  }
}

}  // namespace trellis::scorm
