#include "xml_json.hpp"

#include <cstdint>
#include <set>
#include <string>

#include "scorm_detect.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_ns.hpp"

namespace trellis::scorm {
namespace {

// Elements the schemas allow more than once: always arrays, so consumers never
// have to guess whether one occurrence came as an object.
const std::set<std::string, std::less<>>& repeatable() {
  static const std::set<std::string, std::less<>> names{
      "preConditionRule", "exitConditionRule", "postConditionRule", "ruleCondition", "rollupRule",
      "rollupCondition",  "objective",         "mapInfo",           "adlseq:objective", "adlseq:mapInfo",
      "hideLMSUI",        "sequencing",        "adlcp:map",         "string",          "langstring",
      "keyword",          "contribute",        "entity",            "identifier",      "location",
      "taxonPath",        "classification",    "relation",          "annotation",      "requirement",
      "orComposite",      "taxon",             "resource",          "contributor",     "title",
      "description",      "catalogentry"};
  return names;
}

nlohmann::json typed(std::string_view name, std::string_view value) {
  if (value == "true") return true;
  if (value == "false") return false;
  // Measures and weights are numbers; identifiers that look numeric stay strings.
  static const std::set<std::string, std::less<>> numeric{
      "measureThreshold", "minNormalizedMeasure", "objectiveMeasureWeight", "attemptLimit",
      "selectCount",      "minProgressMeasure",   "progressWeight",         "minimumPercent",
      "minimumCount",     "completionThreshold"};
  double d = 0;
  if (numeric.count(name) && kit::parse_decimal(value, d)) {
    // Counts (attemptLimit, selectCount, minimumCount) stay integers.
    if (value.find('.') == std::string_view::npos && d >= -1e15 && d <= 1e15) return static_cast<int64_t>(d);
    return d;
  }
  return std::string(value);
}

}  // namespace

std::string json_key(pugi::xml_node element) {
  std::string local(kit::local_name(element.name()));
  std::string_view ns = kit::namespace_of(element);
  if (ns == ns_adlseq()) return "adlseq:" + local;
  if (ns == ns_adlcp2004() || ns == ns_adlcp12()) return "adlcp:" + local;
  if (ns == ns_adlnav()) return "adlnav:" + local;
  return local;
}

nlohmann::json element_to_json(pugi::xml_node element) {
  nlohmann::json out = nlohmann::json::object();
  for (pugi::xml_attribute a : element.attributes()) {
    if (kit::is_namespace_declaration(a)) continue;
    std::string_view prefix = kit::prefix_of(a.name());
    if (prefix == "xsi") continue;
    std::string name(prefix == "xml" ? std::string(a.name()) : std::string(kit::local_name(a.name())));
    out[name] = typed(name, kit::trim(a.value()));
  }
  bool has_children = false;
  for (pugi::xml_node c : element.children()) {
    if (c.type() != pugi::node_element) continue;
    has_children = true;
    std::string key = json_key(c);
    nlohmann::json value = element_to_json(c);
    if (repeatable().count(key) || repeatable().count(std::string(kit::local_name(c.name())))) {
      out[key].push_back(std::move(value));
    } else if (out.contains(key)) {
      if (!out[key].is_array()) out[key] = nlohmann::json::array({out[key]});
      out[key].push_back(std::move(value));
    } else {
      out[key] = std::move(value);
    }
  }
  std::string text = kit::collapse_whitespace(kit::text_content(element));
  if (!has_children && !text.empty()) {
    nlohmann::json v = typed(kit::local_name(element.name()), text);
    if (out.empty()) return v;
    out["value"] = v;
  }
  return out;
}

}  // namespace trellis::scorm
