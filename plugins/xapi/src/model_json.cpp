#include "model_json.hpp"

#include <nlohmann/json.hpp>

#include <unordered_set>

#include "rules.hpp"

namespace trellis::xapi {
namespace {

using Json = nlohmann::ordered_json;

// "" (language unknown, lms_lrs.md) is kept under "und" (BCP 47: undetermined).
Json lang_map(const LangStrings& strings) {
  Json out = Json::object();
  for (const auto& [lang, text] : strings) {
    std::string key = lang.empty() ? "und" : lang;
    if (!out.contains(key)) out[key] = text;
  }
  return out;
}

std::string first(const LangStrings& strings) { return strings.empty() ? std::string() : strings.front().second; }

Json links(const std::vector<Link>& list) {
  Json out = Json::array();
  for (const Link& l : list) out.push_back({{"lang", l.lang}, {"url", l.url}, {"href", l.href}, {"external", l.external}});
  return out;
}

Json activity_json(const Activity& a) {
  Json out;
  out["identifier"] = a.id;
  out["kind"] = "activity";
  out["title"] = a.names.empty() ? a.id : first(a.names);
  out["titles"] = lang_map(a.names);
  out["description"] = first(a.descriptions);
  out["descriptions"] = lang_map(a.descriptions);
  // A launch that broke a rule (the package is rejected) shows its URL as written.
  const Link* launch = a.launches.empty() ? nullptr : &a.launches.front();
  std::string href = launch ? (launch->href.empty() ? launch->url : launch->href) : std::string();
  out["launchable"] = !href.empty();
  if (!href.empty()) out["launch"] = {{"href", href}, {"external", launch->external}};
  Json attrs;
  attrs["type"] = a.type.empty() ? Json(nullptr) : Json(a.type);
  attrs["launches"] = links(a.launches);
  attrs["resources"] = links(a.resources);
  attrs["interactionType"] = a.interaction_type.empty() ? Json(nullptr) : Json(a.interaction_type);
  out["attributes"] = std::move(attrs);
  out["extensions"] = a.definition_xml.empty() ? Json::object() : Json{{"elements", a.definition_xml}};
  out["children"] = Json::array();
  return out;
}

}  // namespace

std::string course_model_json(const TinCan& tincan) {
  int index = launchable_activity(tincan);
  const Activity* main = index >= 0 ? &tincan.activities[static_cast<size_t>(index)]
                                    : (tincan.activities.empty() ? nullptr : &tincan.activities.front());
  Json out;
  out["schema"] = "trellis.course/1";
  out["format"] = "xapi";
  out["edition"] = nullptr;
  out["identifier"] = main ? main->id : "";
  out["title"] = main ? (main->names.empty() ? main->id : first(main->names)) : "";
  out["titles"] = main ? lang_map(main->names) : Json::object();
  out["description"] = main ? first(main->descriptions) : "";
  out["descriptions"] = main ? lang_map(main->descriptions) : Json::object();
  out["language"] = main && !main->launches.empty() ? main->launches.front().lang : "";
  out["version"] = "";
  Json metadata = Json::object();
  if (tincan.provider.present)
    metadata["provider"] = {{"name", tincan.provider.name}, {"id", tincan.provider.id}, {"info", tincan.provider.info}};
  out["metadata"] = std::move(metadata);
  out["extensions"] = Json::object();
  // What designers read of every course (docs/sdk.md, "Facts"), in the words they
  // know from SCORM packages: a TinCan package has no edition, organizations or SCOs.
  out["facts"] = {{"edition", nullptr}, {"organizations", 0}, {"scos", 0}};
  out["module_facts"] = {{"sco", false}};
  out["summary"] = Json::array({"organizations", "items", "launchable", {{"name", "scos"}, {"label", "SCOs"}},
                                "resources"});
  // A rejected package may repeat an id or lack one; the partial model keeps the
  // first activity of each id so it stays one the host can show.
  Json nodes = Json::array();
  std::unordered_set<std::string> emitted;
  for (const Activity& a : tincan.activities)
    if (!a.id.empty() && emitted.insert(a.id).second) nodes.push_back(activity_json(a));
  out["nodes"] = std::move(nodes);
  out["resources"] = Json::array();
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace trellis::xapi
