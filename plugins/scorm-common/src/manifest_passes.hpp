// The two reads of a manifest. Items need every resource (they come first in the
// file but resolve identifierref against them) and the header needs the title of
// the default organization and the sequencingCollection (which comes last), so:
//   survey: the root, metadata, the organizations' titles, the resources (checked,
//           and what each launches noted), the sequencingCollection -> the header;
//   emit:   organizations and items, each handed over as a node when its end tag
//           arrives, and the resources handed over in manifest order.
// Each keeps only the subtree it is working on (see PartialDom), and picks the
// same elements the rules always looked at: the first <metadata>, <organizations>
// and <resources> of the root, their direct <organization>/<resource> children,
// and <item> children of organizations and items.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "course_output.hpp"
#include "manifest_rules.hpp"
#include "partial_dom.hpp"

namespace trellis::scorm {

class SurveyPass final : public DomReader {
 public:
  SurveyPass(const ManifestInput& in, ManifestRules& rules, PartialDom& dom) : in_(in), rules_(rules), dom_(dom) {}
  Keep opened(pugi::xml_node element) override;
  void closed(pugi::xml_node element) override;

  bool saw_root() const { return saw_root_; }
  bool root_is_manifest() const { return root_is_manifest_; }
  uint32_t root_line() const { return root_line_; }
  // The course document without nodes and resources (once the root has closed).
  nlohmann::json& header() { return header_; }
  // Whether <organizations default> names one of the organizations; when it does
  // not (or is absent), the first organization is the default.
  bool default_resolves() const { return default_resolves_; }

 private:
  enum class Role : uint8_t { root, metadata, organizations, organization, title, resources, resource, collection,
                              content };
  Keep enter(Role role, Keep keep);
  void close_root(pugi::xml_node root);

  const ManifestInput& in_;
  ManifestRules& rules_;
  PartialDom& dom_;
  std::vector<Role> open_;
  bool saw_root_ = false, root_is_manifest_ = false;
  uint32_t root_line_ = 0;
  std::string manifest_id_, version_;
  bool seen_metadata_ = false, seen_organizations_ = false, seen_resources_ = false, seen_collection_ = false;
  bool seen_submanifest_ = false;
  uint32_t submanifest_line_ = 0;
  nlohmann::json metadata_ = nlohmann::json::object();
  std::string default_organization_, course_title_, first_organization_title_;
  bool default_resolves_ = false;
  size_t organization_index_ = 0;
  bool organization_has_title_ = false;
  std::string organization_title_;
  std::string resources_base_;
  nlohmann::json header_;
};

class EmitPass final : public DomReader {
 public:
  EmitPass(ManifestRules& rules, PartialDom& dom, CourseOutput& out, bool default_resolves)
      : rules_(rules), dom_(dom), out_(out), default_resolves_(default_resolves) {}
  Keep opened(pugi::xml_node element) override;
  void closed(pugi::xml_node element) override;

 private:
  enum class Role : uint8_t { root, organizations, organization, item, resources, resource, content };
  struct Open {
    Role role;
    uint32_t order = 0;      // document order of the start tag, for the findings
    int64_t position = -1;   // pre-order index among organizations and items
    bool has_items = false;  // an <item> child was seen (and already handed over)
    std::string id;
  };
  Keep enter(Open open, Keep keep);
  Keep enter(Role role, Keep keep) { return enter(Open{role, 0, -1, false, {}}, keep); }
  Keep open_node(pugi::xml_node element, Role role);

  ManifestRules& rules_;
  PartialDom& dom_;
  CourseOutput& out_;
  std::vector<Open> open_;
  uint32_t order_ = 0;
  int64_t next_position_ = 0;
  bool seen_organizations_ = false, seen_resources_ = false;
  std::string default_organization_;
  uint32_t organizations_order_ = 0;
  size_t organizations_ = 0;
  bool default_resolves_;
  std::string first_organization_;
  std::string resources_base_;
};

}  // namespace trellis::scorm
