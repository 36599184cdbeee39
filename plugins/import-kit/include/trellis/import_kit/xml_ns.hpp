// Namespaces over pugixml, which leaves them to the caller: resolving an element's
// or attribute's namespace from the xmlns declarations in scope, and copying a
// foreign element out as a self-contained XML string (extensions kept opaque).
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace trellis::kit {

std::string_view local_name(const char* qualified);
std::string_view prefix_of(const char* qualified);

// The namespace URI bound to `prefix` ("" = default namespace) at `node`, or "".
std::string_view namespace_of_prefix(pugi::xml_node node, std::string_view prefix);
std::string_view namespace_of(pugi::xml_node element);
// Unprefixed attributes are in no namespace; xmlns declarations are not attributes here.
std::string_view namespace_of(pugi::xml_attribute attribute, pugi::xml_node owner);
bool is_namespace_declaration(pugi::xml_attribute attribute);

// The text and CDATA directly inside `element`, concatenated.
std::string text_content(pugi::xml_node element);

// The element with every namespace declaration in scope copied onto it, printed raw.
std::string opaque_xml(pugi::xml_node element);

}  // namespace trellis::kit
