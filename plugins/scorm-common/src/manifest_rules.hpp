// The rules of the CAM that an XSD cannot check, one element at a time: what the
// reading passes run on each subtree they keep (a resource, an organization, an
// item without its child items, the manifest's metadata). It owns what must
// outlive one element: the identifiers seen, what each resource launches, the
// shared sequencing definitions, and the findings, which it puts back into the
// order a whole-document walk reports them in (by phase, then by element).
#pragma once

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "id_table.hpp"
#include "manifest_parser.hpp"
#include "partial_dom.hpp"
#include "sequencing.hpp"
#include "trellis/import_kit/findings.hpp"

namespace trellis::scorm {

// The collapsed text directly inside an element (xs:token's whitespace rule).
std::string text_of(pugi::xml_node n);
// Attribute by local name, any prefix, case-insensitive (scormtype vs scormType).
pugi::xml_attribute attr(pugi::xml_node node, std::string_view local);

// What a finding is about, in the order the findings are reported.
enum class Phase : uint8_t {
  root,           // the <manifest> element itself
  schemaversion,  // metadata/schemaversion and the edition
  sequencing,     // imsss:sequencingCollection
  resources,      // each resource, in manifest order
  dependencies,   // dependencies no resource answers, by resource identifier
  organizations,  // organizations and items, in document order
  submanifest,
  missing_files,  // the summary of absent files
  metadata,       // the manifest's own metadata (external files included)
};

// Resources are looked at twice: first to check them and note what they launch,
// then (findings muted) to hand the resource over and check its dependencies
// against every resource of the manifest.
enum class Look { first, second };

class ManifestRules {
 public:
  ManifestRules(const ManifestInput& in, const ElementLines& lines, std::string file);

  // Findings from now on belong to this unit (`order`: the element's place in the document).
  void begin(Phase phase, uint32_t order = 0);
  // Findings from now on are dropped (a second look at an element).
  void begin_muted();
  void end();
  kit::Findings& findings() { return f_; }
  // Every finding in report order, and the findings about external metadata files.
  void finish(kit::Findings& out, std::vector<kit::Findings>& other_files);

  bool is2004() const { return is2004_; }
  const std::string& manifest_base() const { return manifest_base_; }
  void set_manifest_base(std::string base) { manifest_base_ = std::move(base); }
  SequencingCollection& sequencing() { return sequencing_; }

  std::string identifier(pugi::xml_node n, const std::string& kind, const char* name = "identifier");
  void register_id(const std::string& id, IdKind kind, pugi::xml_node n);
  void check_schemaversion(pugi::xml_node root, pugi::xml_node md);
  nlohmann::json metadata(pugi::xml_node md);
  nlohmann::json resource(pugi::xml_node r, const std::string& resources_base, Look look);
  void report_unresolved_dependencies();
  void report_missing_files_summary();
  // Without "children": child items are nodes of their own.
  nlohmann::json organization(pugi::xml_node o, const std::string& id, bool is_default);
  nlohmann::json item(pugi::xml_node it, const std::string& id, bool has_child_items);

 private:
  struct Order {
    Phase phase = Phase::root;
    uint32_t order = 0;
    bool operator<(const Order& o) const { return phase != o.phase ? phase < o.phase : order < o.order; }
  };
  struct Unresolved {
    std::string resource, dependency;
    uint32_t line;
  };

  uint32_t line(pugi::xml_node n) const { return n ? lines_.line(n) : 0; }
  void external_metadata(const std::string& href, pugi::xml_node at, nlohmann::json& out);
  std::string file_path(const std::string& base, std::string_view href, pugi::xml_node at);
  void check_exists(const std::string& rel, pugi::xml_node at, const char* code, const std::string& what);
  void time_limit_action(pugi::xml_node it, const char* name, const std::string& id, const ResourceLaunch* res,
                         nlohmann::json& a);
  void sco_only(const ResourceLaunch* res, const std::string& id, const std::string& field, pugi::xml_node at);
  nlohmann::json attributes_12(pugi::xml_node it, const std::string& id, const ResourceLaunch* res);
  nlohmann::json attributes_2004(pugi::xml_node it, const std::string& id, const ResourceLaunch* res);
  nlohmann::json completion_threshold(pugi::xml_node c);

  const ManifestInput& in_;
  const ElementLines& lines_;
  kit::Findings f_;  // the current unit's findings
  Order current_;
  bool muted_ = false;
  std::vector<std::pair<Order, kit::Finding>> ordered_;
  std::vector<std::pair<Order, kit::Findings>> other_files_;
  bool is2004_ = false;
  const char* adlcp_ns_ = "";
  std::string manifest_base_;
  SequencingCollection sequencing_;
  IdTable ids_;
  std::vector<Unresolved> unresolved_;
  int missing_files_ = 0;
};

}  // namespace trellis::scorm
