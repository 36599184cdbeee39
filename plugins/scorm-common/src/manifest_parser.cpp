#include "manifest_parser.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "launch_url.hpp"
#include "sequencing.hpp"
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

// Attribute by local name, any prefix, case-insensitive (scormtype vs scormType).
pugi::xml_attribute attr(pugi::xml_node node, std::string_view local) {
  std::string wanted = lower(local);
  for (pugi::xml_attribute a : node.attributes()) {
    if (kit::is_namespace_declaration(a)) continue;
    if (lower(kit::local_name(a.name())) == wanted) return a;
  }
  return {};
}

std::string text_of(pugi::xml_node n) { return kit::collapse_whitespace(kit::text_content(n)); }

struct ResourceInfo {
  std::string href;  // base applied; package-relative unless external
  bool has_href = false;
  bool external = false;
  bool sco = false;
  uint32_t line = 0;
};

class Parser {
 public:
  Parser(const ManifestInput& in, kit::Findings& f, ManifestResult& result)
      : in_(in), f_(f), result_(result), lines_(kit::without_bom(in.xml)) {}

  void run() {
    std::string_view xml = kit::without_bom(in_.xml);
    if (!kit::load_manifest(doc_, xml, lines_, "scorm", "imsmanifest.xml", f_)) return;
    pugi::xml_node root = doc_.document_element();
    if (!root || kit::local_name(root.name()) != "manifest") {
      f_.error("scorm.manifest.root", "The root element of imsmanifest.xml must be <manifest>.", line(root));
      return;
    }
    is2004_ = in_.standard == Standard::scorm2004;
    adlcp_ns_ = is2004_ ? ns_adlcp2004() : ns_adlcp12();

    json course = json::object();
    course["schema"] = "trellis.course/1";
    course["format"] = is2004_ ? "scorm2004" : "scorm12";
    course["edition"] = is2004_ ? json(in_.edition) : json(nullptr);
    std::string manifest_id = identifier(root, "manifest");
    course["identifier"] = manifest_id;
    course["version"] = std::string(kit::trim(attr(root, "version").value()));
    manifest_base_ = std::string(kit::trim(root.attribute("xml:base").value()));

    check_schemaversion(root);
    if (is2004_) sequencing_ = std::make_unique<SequencingCollection>(root, lines_, f_);

    pugi::xml_node resources = child(root, "resources");
    json resources_json = json::array();
    if (!resources) f_.error("scorm.resources.missing", "The manifest has no <resources> element.", line(root));
    std::string resources_base = join_base(manifest_base_, kit::trim(resources.attribute("xml:base").value()));
    for (pugi::xml_node r : children(resources, "resource")) resources_json.push_back(resource(r, resources_base));
    for (auto& [id, deps] : pending_dependencies_)
      for (auto& [dep, at] : deps)
        if (!resource_info_.count(dep))
          f_.error("scorm.dependency.unresolved",
                   "Resource '" + id + "' depends on '" + dep + "', which is no resource of the manifest.", at);

    json nodes = json::array();
    std::string title = organizations(child(root, "organizations"), nodes);
    if (child(root, "manifest"))
      f_.warning("scorm.submanifest.ignored", "Sub-manifests (<manifest> inside <manifest>) are not imported.",
                 line(child(root, "manifest")));
    report_missing_files_summary();

    course["title"] = title.empty() ? manifest_id : title;
    course["titles"] = json::object();
    course["description"] = "";
    course["descriptions"] = json::object();
    course["language"] = "";
    course["metadata"] = metadata(child(root, "metadata"));
    json scorm = {{"schemaversion", in_.schemaversion}, {"manifest", in_.manifest_path},
                  {"xml_base", manifest_base_}};
    if (is2004_) scorm["edition_assumed"] = in_.edition_assumed;
    if (sequencing_ && !sequencing_->definitions().empty()) scorm["sequencingCollection"] = sequencing_->definitions();
    course["extensions"] = {{"scorm", scorm}};
    course["nodes"] = std::move(nodes);
    course["resources"] = std::move(resources_json);
    result_.course = std::move(course);
  }

 private:
  uint32_t line(pugi::xml_node n) const { return n ? lines_.line_of(n.offset_debug()) : 0; }

  std::string identifier(pugi::xml_node n, const std::string& kind, const char* name = "identifier") {
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
  void register_id(const std::string& id, const std::string& kind, pugi::xml_node n) {
    if (id.empty()) return;
    auto [it, fresh] = ids_.emplace(id, kind);
    if (fresh) return;
    if (it->second == kind || (kind != "resource" && it->second != "resource"))
      f_.error("scorm.identifier.duplicate", "The identifier '" + id + "' is used twice (" + it->second + " and " +
                                                 kind + ").",
               line(n));
    else
      f_.warning("scorm.identifier.shared", "The identifier '" + id + "' names both an " + it->second + " and a " +
                                                kind + "; identifiers should be unique in the manifest.",
                 line(n));
  }

  void check_schemaversion(pugi::xml_node root) {
    pugi::xml_node md = child(root, "metadata");
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
  json metadata(pugi::xml_node md) {
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

  void external_metadata(const std::string& href, pugi::xml_node at, json& out) {
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
    kit::Findings file_findings(path);
    kit::LineIndex lines(kit::without_bom(*content));
    pugi::xml_document doc;
    if (kit::load_manifest(doc, kit::without_bom(*content), lines, "scorm.metadata", path, file_findings)) {
      out["external"][*rel] = element_to_json(doc.document_element());
    }
    // A broken metadata file never stops a course: its findings become warnings.
    kit::Findings softened(path);
    for (const kit::Finding& finding : file_findings.list())
      softened.warning(finding.code, finding.message, finding.line);
    if (!softened.list().empty()) result_.other_files.push_back(std::move(softened));
  }

  // ---------------------------------------------------------------- resources
  std::string file_path(const std::string& base, std::string_view href, pugi::xml_node at) {
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

  void check_exists(const std::string& rel, pugi::xml_node at, const char* code, const std::string& what) {
    if (!in_.exists || rel.empty() || in_.exists(in_.root + rel)) return;
    if (std::string(code) == "scorm.file.missing" && ++missing_files_ > kMaxMissingFilesListed) return;
    f_.warning(code, what + " '" + rel + "' is listed in the manifest but not in the package.", line(at));
  }

  void report_missing_files_summary() {
    if (missing_files_ > kMaxMissingFilesListed)
      f_.warning("scorm.file.missing", std::to_string(missing_files_ - kMaxMissingFilesListed) +
                                           " further listed files are not in the package.");
  }

  json resource(pugi::xml_node r, const std::string& resources_base) {
    std::string id = identifier(r, "resource");
    register_id(id, "resource", r);
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

    ResourceInfo info;
    info.sco = scorm_type == "sco";
    info.line = line(r);
    json out = {{"identifier", id}, {"type", type}, {"scormType", scorm_type}, {"sco", info.sco}, {"base", base}};
    std::string href(kit::trim(r.attribute("href").value()));
    if (!href.empty()) {
      std::string joined = join_base(base, href);
      info.has_href = true;
      info.external = kit::has_scheme(joined);
      if (info.external) {
        info.href = joined;
      } else {
        kit::UrlParts parts = kit::split_url(joined);
        std::string rel = file_path("", parts.path, r);
        info.href = rel + std::string(joined.substr(parts.path.size()));
        check_exists(rel, r, "scorm.launch.missing", "The launch file of resource '" + id + "',");
      }
      out["href"] = info.href;
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
      pending_dependencies_[id].emplace_back(dep, line(d));
    }
    out["dependencies"] = std::move(deps);
    if (pugi::xml_node md = child(r, "metadata")) out["metadata"] = metadata(md);
    if (!id.empty()) resource_info_[id] = info;
    return out;
  }

  // ---------------------------------------------------------------- organizations
  std::string organizations(pugi::xml_node orgs, json& nodes) {
    std::vector<pugi::xml_node> list = children(orgs, "organization");
    std::string def(kit::trim(orgs.attribute("default").value()));
    if (list.empty()) {
      f_.error("scorm.organization.none",
               "The manifest has no <organization>, so the package has nothing a learner could launch.",
               line(orgs ? orgs : doc_.document_element()));
      return {};
    }
    if (def.empty())
      f_.info("scorm.organization.default.absent",
              "<organizations> names no default; the first organization is used.", line(orgs));
    bool found = false;
    std::string title;
    for (size_t i = 0; i < list.size(); ++i) {
      pugi::xml_node o = list[i];
      std::string id(kit::trim(o.attribute("identifier").value()));
      bool is_default = def.empty() ? i == 0 : id == def;
      found = found || (id == def);
      json node = organization(o, is_default);
      if (is_default) title = node.value("title", "");
      nodes.push_back(std::move(node));
    }
    if (!def.empty() && !found)
      f_.error("scorm.organization.default.unresolved",
               "The default organization '" + def + "' is not one of the manifest's organizations.", line(orgs));
    return title;
  }

  json organization(pugi::xml_node o, bool is_default) {
    std::string id = identifier(o, "organization");
    register_id(id, "organization", o);
    json node = {{"identifier", id}, {"kind", "organization"}, {"default", is_default}, {"title", text_of(child(o, "title"))}};
    json attributes = json::object();
    if (pugi::xml_attribute s = o.attribute("structure")) attributes["structure"] = s.value();
    for (const char* name : {"objectivesGlobalToSystem", "sharedDataGlobalToSystem"})
      if (pugi::xml_attribute a = attr(o, name)) attributes[name] = lower(kit::trim(a.value())) != "false";
    if (is2004_) {
      if (pugi::xml_node c = adl_child(o, "completionThreshold", adlcp_ns_, "adlcp"))
        attributes["completionThreshold"] = completion_threshold(c);
    }
    node["attributes"] = std::move(attributes);
    node["sequencing"] = is2004_ ? sequencing_->definition_of(o) : json::object();
    if (pugi::xml_node md = child(o, "metadata")) node["metadata"] = metadata(md);
    json kids = json::array();
    for (pugi::xml_node item_node : children(o, "item")) kids.push_back(item(item_node));
    node["children"] = std::move(kids);
    return node;
  }

  // ---------------------------------------------------------------- items
  json item(pugi::xml_node it) {
    std::string id = identifier(it, "item");
    register_id(id, "item", it);
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

    std::vector<pugi::xml_node> sub = children(it, "item");
    std::string ref(kit::trim(it.attribute("identifierref").value()));
    if (ref.size() != std::string_view(it.attribute("identifierref").value()).size())
      f_.warning("scorm.identifier.padded", "Item '" + id + "' has spaces around its identifierref; they were removed.",
                 line(it));
    node["launchable"] = false;
    node["sco"] = false;
    const ResourceInfo* res = nullptr;
    if (!ref.empty()) {
      auto found = resource_info_.find(ref);
      if (found == resource_info_.end()) {
        f_.error("scorm.identifierref.unresolved",
                 "Item '" + id + "' references resource '" + ref + "', which the manifest does not define.", line(it));
      } else {
        res = &found->second;
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
      if (is2004_ && !sub.empty())
        f_.error("scorm.item.parent-with-resource",
                 "Item '" + id + "' has child items and also references a resource; in SCORM 2004 only leaf items "
                 "launch content.",
                 line(it));
    } else if (sub.empty()) {
      f_.warning("scorm.item.leaf-without-resource", "Item '" + id + "' has no child items and references no resource.",
                 line(it));
    }
    if (!parameters.empty() && ref.empty())
      f_.warning("scorm.parameters.unused", "Item '" + id + "' has parameters but launches nothing.", line(it));

    node["attributes"] = is2004_ ? attributes_2004(it, id, res) : attributes_12(it, id, res);
    node["sequencing"] = is2004_ ? sequencing_->definition_of(it) : json::object();
    if (pugi::xml_node md = child(it, "metadata")) node["metadata"] = metadata(md);
    json kids = json::array();
    for (pugi::xml_node s : sub) kids.push_back(item(s));
    node["children"] = std::move(kids);
    return node;
  }

  static bool valid_time_limit_action(const std::string& value) {
    std::string v;
    for (char c : lower(value))
      if (c != ' ' || (!v.empty() && v.back() != ',')) v += c;
    return v == "exit,message" || v == "exit,no message" || v == "continue,message" || v == "continue,no message";
  }

  // SCORM 1.2 spells it timelimitaction, 2004 timeLimitAction; same vocabulary.
  void time_limit_action(pugi::xml_node it, const char* name, const std::string& id, const ResourceInfo* res,
                         json& a) {
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

  void sco_only(const ResourceInfo* res, const std::string& id, const std::string& field, pugi::xml_node at) {
    if (res && !res->sco)
      f_.warning("scorm.asset.sco-only-field", "Item '" + id + "' sets " + field +
                                                   ", which only applies to SCOs, but its resource is an asset.",
                 line(at));
  }

  json attributes_12(pugi::xml_node it, const std::string& id, const ResourceInfo* res) {
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

  json completion_threshold(pugi::xml_node c) {
    json out = json::object();
    std::string text = text_of(c);
    double value = 0;
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
      (void)value;
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

  json attributes_2004(pugi::xml_node it, const std::string& id, const ResourceInfo* res) {
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

  const ManifestInput& in_;
  kit::Findings& f_;
  ManifestResult& result_;
  kit::LineIndex lines_;
  pugi::xml_document doc_;
  bool is2004_ = false;
  const char* adlcp_ns_ = "";
  std::string manifest_base_;
  std::unique_ptr<SequencingCollection> sequencing_;
  std::map<std::string, std::string> ids_;
  std::map<std::string, ResourceInfo> resource_info_;
  std::map<std::string, std::vector<std::pair<std::string, uint32_t>>> pending_dependencies_;
  int missing_files_ = 0;
};

}  // namespace

ManifestResult parse_manifest(const ManifestInput& input, kit::Findings& findings) {
  ManifestResult result;
  Parser(input, findings, result).run();
  return result;
}

}  // namespace trellis::scorm
