// The part of a manifest a reader needs, as pugixml nodes built from XmlHandler
// events: the chain of open elements with their attributes (so namespaces resolve
// as they would in the whole document) and the subtrees the reader keeps; all
// else is passed over. A reader runs the per-element rules on a kept subtree when
// its end tag arrives and then drops it, so what is held follows the open
// elements, not the size of the file.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <memory_resource>
#include <string>
#include <unordered_map>
#include <vector>

#include "xml_events.hpp"

namespace trellis::scorm {

enum class Keep {
  nothing,     // the element and its subtree are passed over
  attributes,  // the element with its attributes; its text is not kept, its children are offered
  everything,  // the element, its text and its children (still offered, to note roles)
};

class DomReader {
 public:
  virtual ~DomReader() = default;
  // `element` was just added under its open parent, with its attributes.
  virtual Keep opened(pugi::xml_node element) = 0;
  // The end tag of an element that was kept: its content is complete. The element
  // stays in its parent unless the reader drops it.
  virtual void closed(pugi::xml_node element) = 0;
  // Whether the reader needs no more of the document.
  virtual bool finished() const { return false; }
};

// 1-based line of an element's start tag, 0 when unknown.
class ElementLines {
 public:
  virtual ~ElementLines() = default;
  virtual uint32_t line(pugi::xml_node element) const = 0;
};

class PartialDom final : public XmlHandler, public ElementLines {
 public:
  // Starts over (an empty document) for a pass of `reader` over the document.
  void read_with(DomReader& reader);
  // Removes `element` and everything below it.
  void drop(pugi::xml_node element);
  uint32_t line(pugi::xml_node element) const override;

  void start_element(std::string_view name, const std::vector<XmlAttribute>& attributes, uint32_t line) override;
  void end_element() override;
  void text(std::string_view value, bool cdata) override;
  bool wants_text() const override;
  bool finished() const override;

 private:
  struct Open {
    pugi::xml_node node;
    Keep keep;
  };
  DomReader* reader_ = nullptr;
  pugi::xml_document doc_;
  std::vector<Open> open_;
  size_t passed_depth_ = 0;  // > 0 inside a subtree passed over
  bool had_root_ = false;
  // Entries come and go with every element: pooled, not one allocation each.
  std::pmr::unsynchronized_pool_resource pool_;
  std::pmr::unordered_map<const pugi::xml_node_struct*, uint32_t> lines_{&pool_};
  std::string name_;  // NUL-terminated copy for pugixml
};

}  // namespace trellis::scorm
