// IMS Simple Sequencing (plus ADL's extensions) of organizations and items, kept
// whole as JSON: imsss:sequencingCollection entries resolved through IDRef (the
// item's own elements override the shared ones, as the CAM says), and the
// vocabularies and objective references checked that code, not XSD, must check.
#pragma once

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <map>
#include <string>

#include "partial_dom.hpp"
#include "trellis/import_kit/findings.hpp"

namespace trellis::scorm {

// Whether `element` is IMS SS's `local` (by namespace, or by the conventional
// prefix for manifests that forgot to declare it).
bool is_imsss(pugi::xml_node element, std::string_view local);

class SequencingCollection {
 public:
  SequencingCollection(const ElementLines& lines, kit::Findings& findings) : lines_(lines), findings_(findings) {}
  // Takes in the manifest's imsss:sequencingCollection element.
  void add_collection(pugi::xml_node collection);
  // The definition of an organization or item ({} when it has none).
  nlohmann::json definition_of(pugi::xml_node activity);
  // The collection as JSON, by ID.
  const nlohmann::json& definitions() const { return collection_; }

 private:
  void check(pugi::xml_node sequencing, const nlohmann::json& merged, const std::string& owner);
  uint32_t line(pugi::xml_node n) const { return n ? lines_.line(n) : 0; }

  const ElementLines& lines_;
  kit::Findings& findings_;
  nlohmann::json collection_ = nlohmann::json::object();
};

}  // namespace trellis::scorm
