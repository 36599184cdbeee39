#include "trellis/import_kit/xml_ns.hpp"

#include <cstring>
#include <set>
#include <sstream>

namespace trellis::kit {

std::string_view local_name(const char* qualified) {
  const char* colon = std::strchr(qualified, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(qualified);
}

std::string_view prefix_of(const char* qualified) {
  const char* colon = std::strchr(qualified, ':');
  return colon ? std::string_view(qualified, static_cast<size_t>(colon - qualified)) : std::string_view();
}

bool is_namespace_declaration(pugi::xml_attribute attribute) {
  std::string_view name = attribute.name();
  return name == "xmlns" || name.substr(0, 6) == "xmlns:";
}

std::string_view namespace_of_prefix(pugi::xml_node node, std::string_view prefix) {
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
  std::string wanted = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
  for (; node; node = node.parent()) {
    if (node.type() != pugi::node_element) continue;
    if (pugi::xml_attribute a = node.attribute(wanted.c_str())) return a.value();
  }
  return {};
}

std::string_view namespace_of(pugi::xml_node element) { return namespace_of_prefix(element, prefix_of(element.name())); }

std::string_view namespace_of(pugi::xml_attribute attribute, pugi::xml_node owner) {
  std::string_view prefix = prefix_of(attribute.name());
  return prefix.empty() ? std::string_view() : namespace_of_prefix(owner, prefix);
}

std::string text_content(pugi::xml_node element) {
  std::string value;
  for (pugi::xml_node c : element.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) value += c.value();
  return value;
}

std::string opaque_xml(pugi::xml_node element) {
  pugi::xml_document copy;
  pugi::xml_node root = copy.append_copy(element);
  std::set<std::string> declared;
  for (pugi::xml_attribute a : element.attributes())
    if (is_namespace_declaration(a)) declared.insert(a.name());
  for (pugi::xml_node up = element.parent(); up; up = up.parent()) {
    if (up.type() != pugi::node_element) continue;
    for (pugi::xml_attribute a : up.attributes()) {
      if (!is_namespace_declaration(a) || !declared.insert(a.name()).second) continue;
      root.append_attribute(a.name()).set_value(a.value());
    }
  }
  std::ostringstream out;
  root.print(out, "", pugi::format_raw);
  return out.str();
}

}  // namespace trellis::kit
