#include "model_json.hpp"

#include <nlohmann/json.hpp>

#include <unordered_set>

namespace trellis::cmi5 {
namespace {

using Json = nlohmann::ordered_json;

Json lang_map(const LangText& text) {
  Json out = Json::object();
  for (const auto& [lang, value] : text.strings)
    if (!out.contains(lang)) out[lang] = value;
  return out;
}

Json extensions_json(const Extensions& ext) {
  Json out = Json::object();
  if (!ext.elements.empty()) out["elements"] = ext.elements;
  if (!ext.attributes.empty()) {
    Json attrs = Json::object();
    for (const auto& [name, value] : ext.attributes) attrs[name] = value;
    out["attributes"] = std::move(attrs);
  }
  return out;
}

void texts(Json& out, const LangText& title, const LangText& description) {
  out["title"] = title.first();
  out["titles"] = lang_map(title);
  out["description"] = description.first();
  out["descriptions"] = lang_map(description);
}

// Ids already in the model. A rejected package may repeat an id or lack one; the
// partial model the host shows then keeps the first node of each id only.
using Emitted = std::unordered_set<std::string>;

bool admit(const Node& n, Emitted& emitted) { return !n.id.empty() && emitted.insert(n.id).second; }

Json node_json(const Node& n, Emitted& emitted) {
  Json out;
  out["identifier"] = n.id;
  out["kind"] = n.kind == Node::Kind::au ? "au" : "block";
  texts(out, n.title, n.description);
  // An AU whose url broke a rule (the package is rejected) still shows its url as
  // written, so validation reports keep the partial structure without an empty href.
  const std::string& href = n.launch_href.empty() ? n.url : n.launch_href;
  out["launchable"] = n.kind == Node::Kind::au && !href.empty();
  if (n.kind != Node::Kind::au) out["container"] = true;  // the host counts blocks as containers
  if (n.kind == Node::Kind::au) {
    if (!href.empty()) out["launch"] = {{"href", href}, {"external", n.launch_external}};
    Json attrs;
    attrs["url"] = n.url;
    attrs["launchMethod"] = n.launch_method;
    attrs["moveOn"] = n.move_on;
    attrs["masteryScore"] = n.mastery_score ? Json(*n.mastery_score) : Json(nullptr);
    attrs["activityType"] = n.activity_type ? Json(*n.activity_type) : Json(nullptr);
    attrs["launchParameters"] = n.launch_parameters ? Json(*n.launch_parameters) : Json(nullptr);
    attrs["entitlementKey"] = n.entitlement_key ? Json(*n.entitlement_key) : Json(nullptr);
    out["attributes"] = std::move(attrs);
  } else {
    out["attributes"] = Json::object();
  }
  Json refs = Json::array();
  for (const ObjectiveRef& r : n.objectives)
    if (r.has_idref) refs.push_back(r.idref);
  out["objectives"] = std::move(refs);
  out["extensions"] = extensions_json(n.extensions);
  Json children = Json::array();
  for (const Node& c : n.children)
    if (admit(c, emitted)) children.push_back(node_json(c, emitted));
  out["children"] = std::move(children);
  return out;
}

}  // namespace

std::string course_model_json(const CourseStructure& course) {
  Json out;
  out["schema"] = "trellis.course/1";
  out["format"] = "cmi5";
  out["edition"] = nullptr;
  out["identifier"] = course.id;
  texts(out, course.title, course.description);
  out["language"] = course.title.first_language() == "und" ? "" : course.title.first_language();
  out["version"] = "";
  Json objectives = Json::array();
  for (const Objective& o : course.objectives) {
    Json j;
    j["identifier"] = o.id;
    texts(j, o.title, o.description);
    objectives.push_back(std::move(j));
  }
  out["metadata"] = {{"objectives", std::move(objectives)}};
  out["extensions"] = {{"course", extensions_json(course.course_extensions)},
                       {"courseStructure", extensions_json(course.extensions)}};
  // The facts designers see of every course (docs/sdk.md, "Facts"), here in the
  // SCORM words they always read: a cmi5 course has no edition and no SCOs.
  out["facts"] = {{"edition", nullptr}, {"organizations", 0}, {"scos", 0}};
  out["module_facts"] = {{"sco", false}};
  out["summary"] = Json::array({"organizations", "items", "launchable", {{"name", "scos"}, {"label", "SCOs"}},
                                "resources"});
  Json nodes = Json::array();
  Emitted emitted;
  for (const Node& n : course.nodes)
    if (admit(n, emitted)) nodes.push_back(node_json(n, emitted));
  out["nodes"] = std::move(nodes);
  out["resources"] = Json::array();
  // Invalid UTF-8 in a sloppy file must not abort the import: replace it.
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace trellis::cmi5
