// Extension XML (IMS Simple Sequencing, ADL sequencing/navigation, LOM metadata)
// kept as JSON without losing anything: attributes become members with typed
// values, child elements become members by local name (prefixed "adlseq:" etc.
// when they come from an ADL namespace, so imsss:objectives and
// adlseq:objectives never collide), repeatable elements become arrays, and
// text becomes the value (or "value" next to attributes).
#pragma once

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace trellis::scorm {

nlohmann::json element_to_json(pugi::xml_node element);

// The key an element gets inside its parent's object.
std::string json_key(pugi::xml_node element);

}  // namespace trellis::scorm
