#include "manifest_rules.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "launch_url.hpp"
#include "trellis/import_kit/iri.hpp"
#include "trellis/import_kit/line_index.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_load.hpp"
#include "trellis/import_kit/xml_ns.hpp"
#include "xml_json.hpp"

namespace trellis::scorm {
namespace {

using nlohmann::json;
constexpr int kMaxMissingFilesListed = 20;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::vector<pugi::xml_node> children(pugi::xml_node parent, std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && kit::local_name(c.name()) == local) out.push_back(c);
  return out;
}

pugi::xml_node child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && kit::local_name(c.name()) == local) return c;
  return {};
}

// ADL elements by namespace, falling back to the conventional prefix for
// manifests that forgot to declare it.
pugi::xml_node adl_child(pugi::xml_node parent, std::string_view local, std::string_view ns,
                         std::string_view prefix) {
  for (pugi::xml_node c : parent.children()) {
    if (c.type() != pugi::node_element || lower(kit::local_name(c.name())) != lower(local)) continue;
    std::string_view cns = kit::namespace_of(c);
    if (cns == ns || (cns.empty() && kit::prefix_of(c.name()) == prefix)) return c;
  }
  return {};
}

bool valid_time_limit_action(const std::string& value) {
  std::string v;
  for (char c : lower(value))
    if (c != ' ' || (!v.empty() && v.back() != ',')) v += c;
  return v == "exit,message" || v == "exit,no message" || v == "continue,message" || v == "continue,no message";
}

}  // namespace

std::string text_of(pugi::xml_node n) { return kit::collapse_whitespace(kit::text_content(n)); }

pugi::xml_attribute attr(pugi::xml_node node, std::string_view local) {
  std::string wanted = lower(local);
  for (pugi::xml_attribute a : node.attributes()) {
    if (kit::is_namespace_declaration(a)) continue;
    if (lower(kit::local_name(a.name())) == wanted) return a;
  }
  return {};
}

ManifestRules::ManifestRules(const ManifestInput& in, const ElementLines& lines, std::string file)
    : in_(in), lines_(lines), f_(std::move(file)), sequencing_(lines, f_) {
  is2004_ = in_.standard == Standard::scorm2004;
  adlcp_ns_ = is2004_ ? ns_adlcp2004() : ns_adlcp12();
}

// ---------------------------------------------------------------- finding order
void ManifestRules::begin(Phase phase, uint32_t order) {
  current_ = {phase, order};
  muted_ = false;
}

void ManifestRules::begin_muted() { muted_ = true; }

void ManifestRules::end() {
  if (!muted_)
    for (const kit::Finding& finding : f_.list()) ordered_.emplace_back(current_, finding);
  f_ = kit::Findings(f_.file());
  muted_ = false;
}

void ManifestRules::finish(kit::Findings& out, std::vector<kit::Findings>& other_files) {
  end();
  auto by_order = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::stable_sort(ordered_.begin(), ordered_.end(), by_order);
  for (auto& [order, finding] : ordered_)
    out.add(finding.level, std::move(finding.code), std::move(finding.message), finding.line);
  ordered_ = {};
  std::stable_sort(other_files_.begin(), other_files_.end(), by_order);
  for (auto& [order, file] : other_files_) other_files.push_back(std::move(file));
  other_files_.clear();
}

// ---------------------------------------------------------------- identifiers
std::string ManifestRules::identifier(pugi::xml_node n, const std::string& kind, const char* name) {
  pugi::xml_attribute a = n.attribute(name);
  std::string raw = a.value();
  std::string id(kit::trim(raw));
  if (id.empty()) {
    f_.error("scorm.identifier.missing", "A <" + kind + "> has no " + name + ".", line(n));
    return id;
  }
  if (id.size() != raw.size())
    f_.warning("scorm.identifier.padded",
               "The " + kind + " " + name + " '" + raw + "' has spaces around it; they were removed.", line(n));
  return id;
}

// xs:ID values share one space; a clash inside one kind is fatal (references
// become ambiguous), across kinds real tools do it and nothing breaks.
void ManifestRules::register_id(const std::string& id, IdKind kind_id, pugi::xml_node n) {
  if (id.empty()) return;
  IdTable::Claim claim = ids_.claim(id, kind_id);
  if (claim.fresh) return;
  std::string first = id_kind_name(claim.first);
  std::string kind = id_kind_name(kind_id);
  if (first == kind || (kind != "resource" && first != "resource"))
    f_.error("scorm.identifier.duplicate", "The identifier '" + id + "' is used twice (" + first + " and " + kind + ").",
             line(n));
  else
    f_.warning("scorm.identifier.shared", "The identifier '" + id + "' names both an " + first + " and a " + kind +
                                              "; identifiers should be unique in the manifest.",
               line(n));
}

void ManifestRules::check_schemaversion(pugi::xml_node root, pugi::xml_node md) {
  std::string schema = text_of(child(md, "schema"));
  if (!md || in_.schemaversion.empty()) {
    f_.warning("scorm.schemaversion.missing",
               "The manifest's <metadata> names no <schemaversion>; the version was read from its namespaces.",
               line(md ? md : root));
  } else if (is2004_ && edition_of_schemaversion(in_.schemaversion).empty()) {
    f_.warning("scorm.schemaversion.unknown", "The schemaversion '" + in_.schemaversion +
                                                  "' names no SCORM 2004 edition; read as " + in_.edition +
                                                  " Edition from the features the manifest uses.",
               line(child(md, "schemaversion")));
  } else if (!is2004_ && in_.schemaversion != "1.2") {
    f_.warning("scorm.schemaversion.unknown",
               "The schemaversion '" + in_.schemaversion + "' is not '1.2'; the manifest was read as SCORM 1.2.",
               line(child(md, "schemaversion")));
  }
  if (md && !schema.empty() && lower(schema) != "adl scorm")
    f_.warning("scorm.schema.unknown", "The metadata <schema> is '" + schema + "', not 'ADL SCORM'.",
               line(child(md, "schema")));
  if (is2004_ && in_.edition_assumed)
    f_.info("scorm.edition.assumed", "SCORM 2004 " + in_.edition + " Edition was assumed from the features used.",
            line(md ? md : root));
}

// ---------------------------------------------------------------- metadata
json ManifestRules::metadata(pugi::xml_node md) {
  json out = json::object();
  if (!md) return out;
  for (pugi::xml_node c : md.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string local(kit::local_name(c.name()));
    if (local == "schema" || local == "schemaversion") {
      out[local] = text_of(c);
    } else if (local == "location") {
      std::string path = text_of(c);
      out["location"].push_back(path);
      external_metadata(path, c, out);
    } else {
      out[json_key(c)] = element_to_json(c);
    }
  }
  return out;
}

void ManifestRules::external_metadata(const std::string& href, pugi::xml_node at, json& out) {
  std::optional<std::string> rel = kit::package_path(join_base(manifest_base_, href));
  if (!rel) {
    f_.error("scorm.file.outside-package", "The metadata location '" + href + "' points outside the package.",
             line(at));
    return;
  }
  std::string path = in_.root + *rel;
  std::optional<std::string> content = in_.read ? in_.read(path) : std::nullopt;
  if (!content) {
    f_.warning("scorm.metadata.location.missing", "The metadata file '" + href + "' is not in the package.",
               line(at));
    return;
  }
  // Metadata files are small: read whole, as they always were.
  kit::Findings file_findings(path);
  kit::LineIndex lines(kit::without_bom(*content));
  pugi::xml_document doc;
  if (kit::load_manifest(doc, kit::without_bom(*content), lines, "scorm.metadata", path, file_findings)) {
    out["external"][*rel] = element_to_json(doc.document_element());
  }
  if (muted_) return;
  // A broken metadata file never stops a course: its findings become warnings.
  kit::Findings softened(path);
  for (const kit::Finding& finding : file_findings.list())
    softened.warning(finding.code, finding.message, finding.line);
  if (!softened.list().empty()) other_files_.emplace_back(current_, std::move(softened));
}

// ---------------------------------------------------------------- resources
std::string ManifestRules::file_path(const std::string& base, std::string_view href, pugi::xml_node at) {
  std::string joined = join_base(base, href);
  kit::UrlParts parts = kit::split_url(joined);
  std::optional<std::string> rel = kit::package_path(parts.path);
  if (!rel) {
    f_.error("scorm.file.outside-package", "The file '" + std::string(href) + "' points outside the package.",
             line(at));
    return joined;
  }
  return *rel;
}

void ManifestRules::check_exists(const std::string& rel, pugi::xml_node at, const char* code, const std::string& what) {
  if (muted_ || !in_.exists || rel.empty() || in_.exists(in_.root + rel)) return;
  if (std::string(code) == "scorm.file.missing" && ++missing_files_ > kMaxMissingFilesListed) return;
  f_.warning(code, what + " '" + rel + "' is listed in the manifest but not in the package.", line(at));
}

void ManifestRules::report_missing_files_summary() {
  if (missing_files_ > kMaxMissingFilesListed)
    f_.warning("scorm.file.missing", std::to_string(missing_files_ - kMaxMissingFilesListed) +
                                         " further listed files are not in the package.");
}

json ManifestRules::resource(pugi::xml_node r, const std::string& resources_base, Look look) {
  std::string id = identifier(r, "resource");
  if (look == Look::first) register_id(id, IdKind::resource, r);
  std::string base = join_base(resources_base, kit::trim(r.attribute("xml:base").value()));
  std::string type = std::string(kit::trim(r.attribute("type").value()));
  if (type.empty())
    f_.error("scorm.resource.type.missing", "Resource '" + id + "' has no type attribute.", line(r));
  else if (type != "webcontent")
    f_.warning("scorm.resource.type.unknown",
               "Resource '" + id + "' has type '" + type + "'; SCORM defines only 'webcontent'.", line(r));

  pugi::xml_attribute st = attr(r, "scormtype");
  std::string scorm_type = lower(kit::trim(st.value()));
  if (!st) {
    f_.warning("scorm.scormtype.missing",
               "Resource '" + id + "' has no adlcp:scormType; it is treated as an asset.", line(r));
    scorm_type = "asset";
  } else if (scorm_type != "sco" && scorm_type != "asset") {
    f_.error("scorm.scormtype.invalid",
             "Resource '" + id + "' has scormType '" + st.value() + "'; it must be 'sco' or 'asset'.", line(r));
  } else if (scorm_type != std::string(kit::trim(st.value()))) {
    f_.warning("scorm.scormtype.case", "Resource '" + id + "' writes scormType as '" + st.value() +
                                           "'; the vocabulary is lower-case.",
               line(r));
  }

  ResourceLaunch info;
  std::string href_value;
  info.sco = scorm_type == "sco";
  json out = {{"identifier", id}, {"type", type}, {"scormType", scorm_type}, {"sco", info.sco}, {"base", base}};
  std::string href(kit::trim(r.attribute("href").value()));
  if (!href.empty()) {
    info.has_href = true;
    std::string joined = join_base(base, href);
    if (kit::has_scheme(joined)) {
      info.external = true;
      href_value = joined;
    } else {
      kit::UrlParts parts = kit::split_url(joined);
      std::string rel = file_path("", parts.path, r);
      href_value = rel + std::string(joined.substr(parts.path.size()));
      check_exists(rel, r, "scorm.launch.missing", "The launch file of resource '" + id + "',");
    }
    out["href"] = href_value;
  } else if (info.sco) {
    f_.error("scorm.sco.no-href", "SCO resource '" + id + "' has no href, so it cannot be launched.", line(r));
  }
  json files = json::array();
  for (pugi::xml_node file : children(r, "file")) {
    std::string fh(kit::trim(file.attribute("href").value()));
    if (fh.empty()) {
      f_.error("scorm.file.href.missing", "A <file> of resource '" + id + "' has no href.", line(file));
      continue;
    }
    if (kit::has_scheme(join_base(base, fh))) {
      files.push_back(join_base(base, fh));
      continue;
    }
    std::string rel = file_path(base, fh, file);
    files.push_back(rel);
    check_exists(rel, file, "scorm.file.missing", "The file");
    if (pugi::xml_node md = child(file, "metadata")) metadata(md);
  }
  out["files"] = std::move(files);
  json deps = json::array();
  for (pugi::xml_node d : children(r, "dependency")) {
    std::string dep = identifier(d, "dependency", "identifierref");
    if (dep.empty()) continue;
    deps.push_back(dep);
    // Every resource is known by the second look.
    if (look == Look::second && !ids_.launch(dep)) unresolved_.push_back({id, dep, line(d)});
  }
  out["dependencies"] = std::move(deps);
  if (pugi::xml_node md = child(r, "metadata")) out["metadata"] = metadata(md);
  info.href = href_value;
  if (look == Look::first && !id.empty()) ids_.set_launch(id, info);
  return out;
}

void ManifestRules::report_unresolved_dependencies() {
  // By resource identifier, then in manifest order.
  std::stable_sort(unresolved_.begin(), unresolved_.end(),
                   [](const Unresolved& a, const Unresolved& b) { return a.resource < b.resource; });
  for (const Unresolved& u : unresolved_)
    f_.error("scorm.dependency.unresolved",
             "Resource '" + u.resource + "' depends on '" + u.dependency + "', which is no resource of the manifest.",
             u.line);
  unresolved_.clear();
}

// ---------------------------------------------------------------- organizations
json ManifestRules::organization(pugi::xml_node o, const std::string& id, bool is_default) {
  json node = {{"identifier", id}, {"kind", "organization"}, {"default", is_default}, {"title", text_of(child(o, "title"))}};
  // The host reads only these flags: an organization groups items, is no module
  // of its own, and (SCORM's rule, kept by the host) sits at the top of the tree.
  node["container"] = true;
  node["module"] = false;
  node["top_level"] = true;
  json attributes = json::object();
  if (pugi::xml_attribute s = o.attribute("structure")) attributes["structure"] = s.value();
  for (const char* name : {"objectivesGlobalToSystem", "sharedDataGlobalToSystem"})
    if (pugi::xml_attribute a = attr(o, name)) attributes[name] = lower(kit::trim(a.value())) != "false";
  if (is2004_) {
    if (pugi::xml_node c = adl_child(o, "completionThreshold", adlcp_ns_, "adlcp"))
      attributes["completionThreshold"] = completion_threshold(c);
  }
  node["attributes"] = std::move(attributes);
  node["sequencing"] = is2004_ ? sequencing_.definition_of(o) : json::object();
  if (pugi::xml_node md = child(o, "metadata")) node["metadata"] = metadata(md);
  return node;
}

// ---------------------------------------------------------------- items
json ManifestRules::item(pugi::xml_node it, const std::string& id, bool has_child_items) {
  json node = {{"identifier", id}, {"kind", "item"}, {"title", text_of(child(it, "title"))}};
  if (text_of(child(it, "title")).empty())
    f_.warning("scorm.item.title.missing", "Item '" + id + "' has no title.", line(it));
  pugi::xml_attribute vis = it.attribute("isvisible");
  std::string visible = lower(kit::trim(vis.value()));
  if (vis && visible != "true" && visible != "false" && visible != "1" && visible != "0")
    f_.error("scorm.isvisible.invalid", "Item '" + id + "' has isvisible='" + vis.value() + "'; use true or false.",
             line(it));
  node["visible"] = !(visible == "false" || visible == "0");
  std::string parameters(kit::trim(it.attribute("parameters").value()));
  if (!parameters.empty()) node["parameters"] = parameters;

  std::string ref(kit::trim(it.attribute("identifierref").value()));
  if (ref.size() != std::string_view(it.attribute("identifierref").value()).size())
    f_.warning("scorm.identifier.padded", "Item '" + id + "' has spaces around its identifierref; they were removed.",
               line(it));
  node["launchable"] = false;
  node["sco"] = false;
  std::optional<ResourceLaunch> found;
  const ResourceLaunch* res = nullptr;
  if (!ref.empty()) {
    found = ids_.launch(ref);
    if (!found) {
      f_.error("scorm.identifierref.unresolved",
               "Item '" + id + "' references resource '" + ref + "', which the manifest does not define.", line(it));
    } else {
      res = &*found;
      node["resource"] = ref;
      if (!res->has_href) {
        f_.error("scorm.identifierref.no-href",
                 "Item '" + id + "' references resource '" + ref + "', which has no href to launch.", line(it));
      } else {
        node["launchable"] = true;
        node["sco"] = res->sco;
        node["launch"] = {{"href", apply_parameters(res->href, parameters)}, {"external", res->external}};
      }
    }
    if (is2004_ && has_child_items)
      f_.error("scorm.item.parent-with-resource",
               "Item '" + id + "' has child items and also references a resource; in SCORM 2004 only leaf items "
               "launch content.",
               line(it));
  } else if (!has_child_items) {
    f_.warning("scorm.item.leaf-without-resource", "Item '" + id + "' has no child items and references no resource.",
               line(it));
  }
  if (!parameters.empty() && ref.empty())
    f_.warning("scorm.parameters.unused", "Item '" + id + "' has parameters but launches nothing.", line(it));

  node["attributes"] = is2004_ ? attributes_2004(it, id, res) : attributes_12(it, id, res);
  node["sequencing"] = is2004_ ? sequencing_.definition_of(it) : json::object();
  if (pugi::xml_node md = child(it, "metadata")) node["metadata"] = metadata(md);
  return node;
}

// SCORM 1.2 spells it timelimitaction, 2004 timeLimitAction; same vocabulary.
void ManifestRules::time_limit_action(pugi::xml_node it, const char* name, const std::string& id,
                                      const ResourceLaunch* res, json& a) {
  pugi::xml_node t = adl_child(it, name, adlcp_ns_, "adlcp");
  if (!t) return;
  a[name] = text_of(t);
  if (!valid_time_limit_action(text_of(t)))
    f_.error("scorm.timelimitaction.invalid", "Item '" + id + "' has " + name + " '" + text_of(t) +
                                                  "'; use exit,message / exit,no message / continue,message / "
                                                  "continue,no message.",
             line(t));
  sco_only(res, id, name, t);
}

void ManifestRules::sco_only(const ResourceLaunch* res, const std::string& id, const std::string& field,
                             pugi::xml_node at) {
  if (res && !res->sco)
    f_.warning("scorm.asset.sco-only-field", "Item '" + id + "' sets " + field +
                                                 ", which only applies to SCOs, but its resource is an asset.",
               line(at));
}

json ManifestRules::attributes_12(pugi::xml_node it, const std::string& id, const ResourceLaunch* res) {
  json a = json::object();
  if (pugi::xml_node p = adl_child(it, "prerequisites", adlcp_ns_, "adlcp")) {
    a["prerequisites"] = {{"value", text_of(p)}, {"type", std::string(kit::trim(p.attribute("type").value()))}};
    std::string type(kit::trim(p.attribute("type").value()));
    if (type != "aicc_script")
      f_.warning("scorm.prerequisites.type", "Item '" + id + "' prerequisites type is '" + type +
                                                 "'; SCORM 1.2 defines only 'aicc_script'.",
                 line(p));
  }
  if (pugi::xml_node m = adl_child(it, "maxtimeallowed", adlcp_ns_, "adlcp")) {
    a["maxtimeallowed"] = text_of(m);
    sco_only(res, id, "maxtimeallowed", m);
  }
  time_limit_action(it, "timelimitaction", id, res, a);
  if (pugi::xml_node d = adl_child(it, "datafromlms", adlcp_ns_, "adlcp")) {
    a["datafromlms"] = text_of(d);
    sco_only(res, id, "datafromlms", d);
  }
  if (pugi::xml_node m = adl_child(it, "masteryscore", adlcp_ns_, "adlcp")) {
    double score = 0;
    if (!kit::parse_decimal(text_of(m), score) || score < 0 || score > 100) {
      f_.error("scorm.masteryscore.invalid",
               "Item '" + id + "' has masteryscore '" + text_of(m) + "'; it must be a number from 0 to 100.", line(m));
      a["masteryscore"] = text_of(m);
    } else {
      a["masteryscore"] = score;
    }
    sco_only(res, id, "masteryscore", m);
  }
  return a;
}

json ManifestRules::completion_threshold(pugi::xml_node c) {
  json out = json::object();
  std::string text = text_of(c);
  auto check = [&](const std::string& name, const std::string& raw, double lo, double hi) {
    double v = 0;
    if (!kit::parse_decimal(raw, v) || v < lo || v > hi) {
      f_.error("scorm.completion-threshold.invalid",
               "completionThreshold " + name + " '" + raw + "' must be a decimal from " +
                   std::to_string(static_cast<int>(lo)) + " to " + std::to_string(static_cast<int>(hi)) + ".",
               line(c));
      return;
    }
    out[name] = v;
  };
  if (!text.empty()) {
    // 2nd/3rd Edition: the element's text is the minimum progress measure.
    out["form"] = "text";
    check("minProgressMeasure", text, 0, 1);
  } else {
    out["form"] = "attributes";
    out["completedByMeasure"] = false;
    out["minProgressMeasure"] = 1.0;
    out["progressWeight"] = 1.0;
    if (pugi::xml_attribute a = c.attribute("completedByMeasure")) {
      std::string v = lower(kit::trim(a.value()));
      if (v != "true" && v != "false" && v != "1" && v != "0")
        f_.error("scorm.completion-threshold.invalid", "completedByMeasure must be true or false.", line(c));
      out["completedByMeasure"] = v == "true" || v == "1";
    }
    if (pugi::xml_attribute a = c.attribute("minProgressMeasure")) check("minProgressMeasure", a.value(), 0, 1);
    if (pugi::xml_attribute a = c.attribute("progressWeight")) check("progressWeight", a.value(), 0, 1);
    if (in_.edition != "4th")
      f_.warning("scorm.completion-threshold.edition",
                 "completionThreshold attributes are a 4th Edition feature; the manifest says " + in_.edition +
                     " Edition.",
                 line(c));
  }
  return out;
}

json ManifestRules::attributes_2004(pugi::xml_node it, const std::string& id, const ResourceLaunch* res) {
  json a = json::object();
  time_limit_action(it, "timeLimitAction", id, res, a);
  if (pugi::xml_node d = adl_child(it, "dataFromLMS", adlcp_ns_, "adlcp")) {
    a["dataFromLMS"] = text_of(d);
    sco_only(res, id, "dataFromLMS", d);
  }
  if (pugi::xml_node c = adl_child(it, "completionThreshold", adlcp_ns_, "adlcp"))
    a["completionThreshold"] = completion_threshold(c);
  if (pugi::xml_node data = adl_child(it, "data", adlcp_ns_, "adlcp")) {
    json maps = json::array();
    for (pugi::xml_node m : children(data, "map")) {
      std::string target(kit::trim(m.attribute("targetID").value()));
      if (target.empty())
        f_.error("scorm.data.map.target-missing", "An adlcp:map of item '" + id + "' has no targetID.", line(m));
      maps.push_back({{"targetID", target},
                      {"readSharedData", lower(kit::trim(m.attribute("readSharedData").value())) != "false"},
                      {"writeSharedData", lower(kit::trim(m.attribute("writeSharedData").value())) == "true"}});
    }
    a["data"] = std::move(maps);
    if (in_.edition != "4th")
      f_.warning("scorm.data.edition", "adlcp:data is a 4th Edition feature; the manifest says " + in_.edition +
                                           " Edition.",
                 line(data));
  }
  if (pugi::xml_node p = adl_child(it, "presentation", ns_adlnav(), "adlnav")) {
    json presentation = element_to_json(p);
    a["presentation"] = presentation;
    std::set<std::string> tokens{"previous", "continue", "exit", "exitAll", "abandon", "abandonAll", "suspendAll"};
    for (pugi::xml_node ni : children(p, "navigationInterface"))
      for (pugi::xml_node hide : children(ni, "hideLMSUI"))
        if (!tokens.count(text_of(hide)))
          f_.error("scorm.hidelmsui.invalid", "Item '" + id + "' hides unknown LMS control '" + text_of(hide) + "'.",
                   line(hide));
  }
  return a;
}

}  // namespace trellis::scorm
