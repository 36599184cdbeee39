#include "sequencing.hpp"

#include <set>

#include "scorm_detect.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_ns.hpp"
#include "xml_json.hpp"

namespace trellis::scorm {
namespace {

using nlohmann::json;
using Vocabulary = std::set<std::string, std::less<>>;

pugi::xml_node imsss_child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c : parent.children())
    if (is_imsss(c, local)) return c;
  return {};
}

const Vocabulary& rule_conditions() {
  static const Vocabulary v{"satisfied", "objectiveStatusKnown", "objectiveMeasureKnown",
                            "objectiveMeasureGreaterThan", "objectiveMeasureLessThan", "completed",
                            "activityProgressKnown", "attempted", "attemptLimitExceeded", "timeLimitExceeded",
                            "outsideAvailableTimeRange", "always"};
  return v;
}
const Vocabulary& rollup_conditions() {
  static const Vocabulary v{"satisfied",           "objectiveStatusKnown", "objectiveMeasureKnown",
                            "completed",           "activityProgressKnown", "attempted",
                            "attemptLimitExceeded", "timeLimitExceeded",    "outsideAvailableTimeRange"};
  return v;
}
const std::map<std::string, Vocabulary>& rule_actions() {
  static const std::map<std::string, Vocabulary> v{
      {"preConditionRule", {"skip", "disabled", "hiddenFromChoice", "stopForwardTraversal"}},
      {"exitConditionRule", {"exit"}},
      {"postConditionRule", {"exitParent", "exitAll", "retry", "retryAll", "continue", "previous"}}};
  return v;
}

std::string text(const json& j) { return j.is_string() ? j.get<std::string>() : j.is_null() ? "" : j.dump(); }

// Tolerates any shape: hostile manifests turn objects into strings.
const json& field(const json& j, const char* key) {
  static const json null_value;
  if (!j.is_object()) return null_value;
  auto it = j.find(key);
  return it == j.end() ? null_value : *it;
}

const json& list(const json& j, const char* key) {
  static const json empty = json::array();
  const json& f = field(j, key);
  return f.is_array() ? f : empty;
}

}  // namespace

bool is_imsss(pugi::xml_node element, std::string_view local) {
  return element.type() == pugi::node_element && kit::local_name(element.name()) == local &&
         (kit::namespace_of(element) == ns_imsss() || kit::prefix_of(element.name()) == "imsss");
}

void SequencingCollection::add_collection(pugi::xml_node collection) {
  for (pugi::xml_node s : collection.children()) {
    if (s.type() != pugi::node_element || kit::local_name(s.name()) != "sequencing") continue;
    std::string id(kit::trim(s.attribute("ID").value()));
    if (id.empty()) {
      findings_.error("scorm.sequencing.id.missing", "A sequencing definition of the sequencingCollection has no ID.",
                      line(s));
      continue;
    }
    if (collection_.contains(id))
      findings_.error("scorm.sequencing.id.duplicate", "The sequencingCollection defines ID '" + id + "' twice.",
                      line(s));
    json def = element_to_json(s);
    if (def.is_object()) def.erase("ID");
    collection_[id] = def.is_object() ? def : json::object();
    check(s, collection_[id], "sequencing '" + id + "'");
  }
}

json SequencingCollection::definition_of(pugi::xml_node activity) {
  pugi::xml_node s = imsss_child(activity, "sequencing");
  if (!s) return json::object();
  json local = element_to_json(s);
  if (!local.is_object()) local = json::object();
  std::string owner = "'" + std::string(kit::trim(activity.attribute("identifier").value())) + "'";
  std::string ref(kit::trim(s.attribute("IDRef").value()));
  if (ref.empty()) {
    check(s, local, owner);
    return local;
  }
  if (!collection_.contains(ref)) {
    findings_.error("scorm.sequencing.idref.unresolved",
                    "The sequencing of " + owner + " refers to '" + ref + "', which the sequencingCollection lacks.",
                    line(s));
    return local;
  }
  json merged = collection_[ref];
  for (auto& [key, value] : local.items()) merged[key] = value;
  check(s, merged, owner);
  return merged;
}

void SequencingCollection::check(pugi::xml_node sequencing, const json& merged, const std::string& owner) {
  uint32_t at = line(sequencing);
  std::set<std::string> objectives;
  const json& o = field(merged, "objectives");
  if (!field(field(o, "primaryObjective"), "objectiveID").is_null())
    objectives.insert(text(field(field(o, "primaryObjective"), "objectiveID")));
  for (const json& each : list(o, "objective"))
    if (!field(each, "objectiveID").is_null()) objectives.insert(text(field(each, "objectiveID")));
  if (field(merged, "sequencingRules").is_object()) {
    for (auto& [kind, rules] : field(merged, "sequencingRules").items()) {
      auto actions = rule_actions().find(kind);
      if (actions == rule_actions().end() || !rules.is_array()) continue;
      for (const json& rule : rules) {
        std::string action = text(field(field(rule, "ruleAction"), "action"));
        if (!actions->second.count(action))
          findings_.error("scorm.sequencing.vocabulary",
                          "A " + kind + " of " + owner + " has action '" + action + "', which that rule kind lacks.",
                          at);
        for (const json& c : list(field(rule, "ruleConditions"), "ruleCondition")) {
          std::string condition = text(field(c, "condition"));
          if (!rule_conditions().count(condition))
            findings_.error("scorm.sequencing.vocabulary",
                            "A rule condition of " + owner + " is '" + condition + "', which is no IMS SS condition.", at);
          if (!field(c, "referencedObjective").is_null() && !objectives.count(text(field(c, "referencedObjective"))))
            findings_.error("scorm.sequencing.objective.unresolved",
                            "A rule condition of " + owner + " refers to objective '" +
                                text(field(c, "referencedObjective")) + "', which the activity does not define.",
                            at);
        }
      }
    }
  }
  {
    static const Vocabulary rollup_actions{"satisfied", "notSatisfied", "completed", "incomplete"};
    for (const json& rule : list(field(merged, "rollupRules"), "rollupRule")) {
      std::string action = text(field(field(rule, "rollupAction"), "action"));
      if (!rollup_actions.count(action))
        findings_.error("scorm.sequencing.vocabulary",
                        "A rollup rule of " + owner + " has action '" + action + "', which is no IMS SS rollup action.",
                        at);
      for (const json& c : list(field(rule, "rollupConditions"), "rollupCondition"))
        if (!rollup_conditions().count(text(field(c, "condition"))))
          findings_.error("scorm.sequencing.vocabulary", "A rollup condition of " + owner + " is '" +
                                                             text(field(c, "condition")) +
                                                             "', which is no IMS SS rollup condition.",
                          at);
    }
  }
}

}  // namespace trellis::scorm
