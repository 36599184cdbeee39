#include "manifest_passes.hpp"

#include <limits>

#include "launch_url.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_ns.hpp"

namespace trellis::scorm {

using nlohmann::json;

namespace {

// What designers see of a SCORM course beside the host's own counts, in SCORM's
// words (docs/sdk.md, "Facts"): its edition, and the organizations and SCOs the
// host counts for us as the nodes arrive, since this header goes before them.
void put_designer_facts(json& course, json edition) {
  course["facts"] = {{"edition", std::move(edition)}};
  course["tallies"] = {{"organizations", {{"kind", "organization"}}}, {"scos", {{"flag", "sco"}}}};
  course["module_facts"] = {{"sco", false}};
  course["summary"] = json::array({"organizations", "items", "launchable", {{"name", "scos"}, {"label", "SCOs"}},
                                   "resources"});
}

}  // namespace

// ---------------------------------------------------------------- survey
Keep SurveyPass::enter(Role role, Keep keep) {
  open_.push_back(role);
  return keep;
}

Keep SurveyPass::opened(pugi::xml_node e) {
  std::string_view local = kit::local_name(e.name());
  if (open_.empty()) {
    saw_root_ = true;
    root_line_ = dom_.line(e);
    root_is_manifest_ = local == "manifest";
    // Not a manifest: reported once the whole text has proven well-formed.
    if (!root_is_manifest_) return Keep::nothing;
    rules_.begin(Phase::root);
    manifest_id_ = rules_.identifier(e, "manifest");
    rules_.end();
    version_ = std::string(kit::trim(attr(e, "version").value()));
    rules_.set_manifest_base(std::string(kit::trim(e.attribute("xml:base").value())));
    return enter(Role::root, Keep::attributes);
  }
  switch (open_.back()) {
    case Role::root:
      if (local == "metadata" && !seen_metadata_) {
        seen_metadata_ = true;
        return enter(Role::metadata, Keep::everything);
      }
      if (local == "organizations" && !seen_organizations_) {
        seen_organizations_ = true;
        default_organization_ = std::string(kit::trim(e.attribute("default").value()));
        return enter(Role::organizations, Keep::attributes);
      }
      if (local == "resources" && !seen_resources_) {
        seen_resources_ = true;
        resources_base_ = join_base(rules_.manifest_base(), kit::trim(e.attribute("xml:base").value()));
        return enter(Role::resources, Keep::attributes);
      }
      if (rules_.is2004() && !seen_collection_ && is_imsss(e, "sequencingCollection")) {
        seen_collection_ = true;
        return enter(Role::collection, Keep::everything);
      }
      if (local == "manifest" && !seen_submanifest_) {
        seen_submanifest_ = true;
        submanifest_line_ = dom_.line(e);
      }
      return Keep::nothing;
    case Role::organizations:
      if (local != "organization") return Keep::nothing;
      organization_has_title_ = false;
      organization_title_.clear();
      return enter(Role::organization, Keep::attributes);
    case Role::organization:
      // Only its title: the course is named after the default organization.
      if (local != "title" || organization_has_title_) return Keep::nothing;
      organization_has_title_ = true;
      return enter(Role::title, Keep::everything);
    case Role::resources:
      return local == "resource" ? enter(Role::resource, Keep::everything) : Keep::nothing;
    default:
      return enter(Role::content, Keep::everything);
  }
}

void SurveyPass::closed(pugi::xml_node e) {
  Role role = open_.back();
  open_.pop_back();
  switch (role) {
    case Role::root:
      close_root(e);
      return;
    case Role::metadata:
      rules_.begin(Phase::schemaversion);
      rules_.check_schemaversion(e.parent(), e);
      rules_.end();
      rules_.begin(Phase::metadata);
      metadata_ = rules_.metadata(e);
      rules_.end();
      dom_.drop(e);
      return;
    case Role::organization: {
      std::string id(kit::trim(e.attribute("identifier").value()));
      if (organization_index_ == 0) first_organization_title_ = organization_title_;
      if (!default_organization_.empty() && id == default_organization_) {
        default_resolves_ = true;
        course_title_ = organization_title_;
      }
      ++organization_index_;
      dom_.drop(e);
      return;
    }
    case Role::title:
      organization_title_ = text_of(e);
      dom_.drop(e);
      return;
    case Role::resource:
      rules_.begin(Phase::resources);
      rules_.resource(e, resources_base_, Look::first);
      rules_.end();
      dom_.drop(e);
      return;
    case Role::collection:
      rules_.begin(Phase::sequencing);
      rules_.sequencing().add_collection(e);
      rules_.end();
      dom_.drop(e);
      return;
    case Role::organizations:
    case Role::resources:
    case Role::content:
      return;
  }
}

void SurveyPass::close_root(pugi::xml_node root) {
  if (!seen_metadata_) {
    rules_.begin(Phase::schemaversion);
    rules_.check_schemaversion(root, pugi::xml_node());
    rules_.end();
  }
  if (!seen_resources_) {
    rules_.begin(Phase::resources);
    rules_.findings().error("scorm.resources.missing", "The manifest has no <resources> element.", dom_.line(root));
    rules_.end();
  }
  if (seen_submanifest_) {
    rules_.begin(Phase::submanifest);
    rules_.findings().warning("scorm.submanifest.ignored",
                              "Sub-manifests (<manifest> inside <manifest>) are not imported.", submanifest_line_);
    rules_.end();
  }
  // No default, or one naming no organization: the first organization stands in.
  if (!default_resolves_) course_title_ = first_organization_title_;
  rules_.begin(Phase::missing_files);
  rules_.report_missing_files_summary();
  rules_.end();

  bool is2004 = rules_.is2004();
  json course = json::object();
  course["schema"] = "trellis.course/1";
  course["format"] = is2004 ? "scorm2004" : "scorm12";
  course["edition"] = is2004 ? json(in_.edition) : json(nullptr);
  course["identifier"] = manifest_id_;
  course["version"] = version_;
  course["title"] = course_title_.empty() ? manifest_id_ : course_title_;
  course["titles"] = json::object();
  course["description"] = "";
  course["descriptions"] = json::object();
  course["language"] = "";
  course["metadata"] = std::move(metadata_);
  json scorm = {{"schemaversion", in_.schemaversion}, {"manifest", in_.manifest_path},
                {"xml_base", rules_.manifest_base()}};
  if (is2004) scorm["edition_assumed"] = in_.edition_assumed;
  if (is2004 && !rules_.sequencing().definitions().empty())
    scorm["sequencingCollection"] = rules_.sequencing().definitions();
  course["extensions"] = {{"scorm", scorm}};
  put_designer_facts(course, is2004 ? json(in_.edition) : json(nullptr));
  header_ = std::move(course);
}

// ---------------------------------------------------------------- emit
Keep EmitPass::enter(Open open, Keep keep) {
  open_.push_back(std::move(open));
  return keep;
}

// An organization or item: its identifier is claimed at its start tag, so clashes
// are found in document order (parents before children), as they always were.
Keep EmitPass::open_node(pugi::xml_node e, Role role) {
  Open node{role, ++order_, next_position_++, false, {}};
  bool item = role == Role::item;
  rules_.begin(Phase::organizations, node.order);
  node.id = rules_.identifier(e, item ? "item" : "organization");
  rules_.register_id(node.id, item ? IdKind::item : IdKind::organization, e);
  rules_.end();
  return enter(std::move(node), Keep::everything);
}

Keep EmitPass::opened(pugi::xml_node e) {
  std::string_view local = kit::local_name(e.name());
  if (open_.empty()) return enter(Role::root, Keep::attributes);
  switch (open_.back().role) {
    case Role::root:
      if (local == "organizations" && !seen_organizations_) {
        seen_organizations_ = true;
        default_organization_ = std::string(kit::trim(e.attribute("default").value()));
        organizations_order_ = ++order_;
        return enter(Role::organizations, Keep::attributes);
      }
      if (local == "resources" && !seen_resources_) {
        seen_resources_ = true;
        resources_base_ = join_base(rules_.manifest_base(), kit::trim(e.attribute("xml:base").value()));
        return enter(Role::resources, Keep::attributes);
      }
      return Keep::nothing;
    case Role::organizations:
      return local == "organization" ? open_node(e, Role::organization) : Keep::nothing;
    case Role::organization:
    case Role::item:
      if (local == "item") {
        open_.back().has_items = true;
        return open_node(e, Role::item);
      }
      return enter(Role::content, Keep::everything);
    case Role::resources:
      return local == "resource" ? enter(Role::resource, Keep::everything) : Keep::nothing;
    default:
      return enter(Role::content, Keep::everything);
  }
}

void EmitPass::closed(pugi::xml_node e) {
  Open self = std::move(open_.back());
  open_.pop_back();
  switch (self.role) {
    case Role::organization: {
      std::string id(kit::trim(e.attribute("identifier").value()));
      bool is_default = default_resolves_ ? id == default_organization_ : organizations_ == 0;
      if (organizations_ == 0) first_organization_ = id;
      ++organizations_;
      rules_.begin(Phase::organizations, self.order);
      json node = rules_.organization(e, self.id, is_default);
      rules_.end();
      node["parent"] = "";
      node["position"] = self.position;
      out_.node(std::move(node), -1);
      dom_.drop(e);
      return;
    }
    case Role::item: {
      const Open& parent = open_.back();
      rules_.begin(Phase::organizations, self.order);
      json node = rules_.item(e, self.id, self.has_items);
      rules_.end();
      node["parent"] = parent.id;
      node["position"] = self.position;
      out_.node(std::move(node), parent.position);
      dom_.drop(e);
      return;
    }
    case Role::organizations:
      // These come before the organizations' own findings, and the unresolved default after them all.
      rules_.begin(Phase::organizations, organizations_order_);
      if (organizations_ == 0)
        rules_.findings().error("scorm.organization.none",
                                "The manifest has no <organization>, so the package has nothing a learner could launch.",
                                dom_.line(e));
      else if (default_organization_.empty())
        rules_.findings().info("scorm.organization.default.absent",
                               "<organizations> names no default; the first organization is used.", dom_.line(e));
      rules_.end();
      // Authoring tools that rename organizations leave such packages behind and
      // other LMSs play them: the first organization stands in, as with no default.
      if (organizations_ > 0 && !default_organization_.empty() && !default_resolves_) {
        rules_.begin(Phase::organizations, std::numeric_limits<uint32_t>::max());
        rules_.findings().warning("scorm.organization.default.unresolved",
                                  "<organizations default=\"" + default_organization_ +
                                      "\"> names no organization of the manifest; the first organization ('" +
                                      first_organization_ + "') is used instead.",
                                  dom_.line(e));
        rules_.end();
      }
      return;
    case Role::resource: {
      rules_.begin_muted();
      json resource = rules_.resource(e, resources_base_, Look::second);
      rules_.end();
      out_.resource(std::move(resource));
      dom_.drop(e);
      return;
    }
    case Role::root:
      if (!seen_organizations_) {
        rules_.begin(Phase::organizations);
        rules_.findings().error("scorm.organization.none",
                                "The manifest has no <organization>, so the package has nothing a learner could launch.",
                                dom_.line(e));
        rules_.end();
      }
      rules_.begin(Phase::dependencies);
      rules_.report_unresolved_dependencies();
      rules_.end();
      return;
    case Role::resources:
    case Role::content:
      return;
  }
}

}  // namespace trellis::scorm
