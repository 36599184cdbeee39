#include "partial_dom.hpp"

namespace trellis::scorm {

void PartialDom::read_with(DomReader& reader) {
  reader_ = &reader;
  doc_.reset();
  open_.clear();
  passed_depth_ = 0;
  had_root_ = false;
  lines_.clear();
}

void PartialDom::drop(pugi::xml_node element) {
  // Forget the lines of the subtree, in document order, then remove it.
  for (pugi::xml_node n = element; n;) {
    lines_.erase(n.internal_object());
    if (pugi::xml_node first = n.first_child()) {
      n = first;
      continue;
    }
    while (n != element && !n.next_sibling()) n = n.parent();
    n = n == element ? pugi::xml_node() : n.next_sibling();
  }
  element.parent().remove_child(element);
}

uint32_t PartialDom::line(pugi::xml_node element) const {
  auto it = lines_.find(element.internal_object());
  return it == lines_.end() ? 0 : it->second;
}

void PartialDom::start_element(std::string_view name, const std::vector<XmlAttribute>& attributes, uint32_t line) {
  if (passed_depth_ > 0 || (open_.empty() && had_root_) || reader_ == nullptr) {
    ++passed_depth_;
    return;
  }
  had_root_ = true;
  pugi::xml_node parent = open_.empty() ? pugi::xml_node(doc_) : open_.back().node;
  name_.assign(name);
  pugi::xml_node element = parent.append_child(name_.c_str());
  for (const XmlAttribute& a : attributes) {
    name_.assign(a.name);
    element.append_attribute(name_.c_str()).set_value(a.value.data(), a.value.size());
  }
  lines_[element.internal_object()] = line;
  Keep keep = reader_->opened(element);
  if (keep == Keep::nothing) {
    drop(element);
    passed_depth_ = 1;
    return;
  }
  open_.push_back({element, keep});
}

void PartialDom::end_element() {
  if (passed_depth_ > 0) {
    --passed_depth_;
    return;
  }
  if (open_.empty()) return;
  pugi::xml_node element = open_.back().node;
  open_.pop_back();
  reader_->closed(element);
}

void PartialDom::text(std::string_view value, bool cdata) {
  if (!wants_text()) return;
  open_.back().node.append_child(cdata ? pugi::node_cdata : pugi::node_pcdata).set_value(value.data(), value.size());
}

bool PartialDom::wants_text() const {
  return passed_depth_ == 0 && !open_.empty() && open_.back().keep == Keep::everything;
}

bool PartialDom::finished() const { return reader_ != nullptr && reader_->finished(); }

}  // namespace trellis::scorm
