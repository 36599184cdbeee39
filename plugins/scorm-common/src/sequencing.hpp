// IMS Simple Sequencing (plus ADL's extensions) of organizations and items, kept
// whole as JSON: imsss:sequencingCollection entries resolved through IDRef (the
// item's own elements override the shared ones, as the CAM says), and the
// vocabularies and objective references checked that code, not XSD, must check.
#pragma once

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <map>
#include <string>

#include "trellis/import_kit/findings.hpp"
#include "trellis/import_kit/line_index.hpp"

namespace trellis::scorm {

class SequencingCollection {
 public:
  SequencingCollection(pugi::xml_node manifest, const kit::LineIndex& lines, kit::Findings& findings);
  // The definition of an organization or item ({} when it has none).
  nlohmann::json definition_of(pugi::xml_node activity);
  // The collection as JSON, by ID.
  const nlohmann::json& definitions() const { return collection_; }

 private:
  void check(pugi::xml_node sequencing, const nlohmann::json& merged, const std::string& owner);
  uint32_t line(pugi::xml_node n) const { return n ? lines_.line_of(n.offset_debug()) : 0; }

  const kit::LineIndex& lines_;
  kit::Findings& findings_;
  nlohmann::json collection_ = nlohmann::json::object();
};

}  // namespace trellis::scorm
