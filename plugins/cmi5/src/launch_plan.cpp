#include "launch_plan.hpp"

#include <nlohmann/json.hpp>

#include "trellis/cpp/core.hpp"

namespace trellis::cmi5 {
namespace {

using json = nlohmann::json;

constexpr const char* kCategoryCmi5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
constexpr const char* kExtension = "https://w3id.org/xapi/cmi5/context/extensions/";

std::string text(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& member(const json& object, const char* name) {
  static const json none;
  auto it = object.find(name);
  return it == object.end() ? none : *it;
}

std::string ext(const char* name) { return std::string(kExtension) + name; }

// The launch mode cmi5 names (section 10.2.2) for the host's attempt mode.
std::string launch_mode(const std::string& mode) {
  if (mode == "browse") return "Browse";
  if (mode == "review") return "Review";
  return "Normal";
}

}  // namespace

std::string launch_plan(std::string_view request_text) {
  json request = json::parse(request_text, nullptr, false);
  if (!request.is_object() || text(request, "schema") != "trellis.launch-request/1")
    throw InvalidInput("not a trellis.launch-request/1 document");
  const json& module = member(request, "module");
  const json& context = member(request, "launch_context");
  if (!module.is_object() || text(module, "kind") != "au")
    throw InvalidInput("the module is not a cmi5 AU (kind must be \"au\")");
  if (!context.is_object())
    throw InvalidInput("a cmi5 launch needs the host's launch_context (actor, registration, activity_id, session_id)");
  const json& attrs = member(module, "attributes");
  const std::string publisher_id = text(module, "identifier");
  const std::string session_id = text(context, "session_id");
  const std::string mode = launch_mode(text(member(request, "attempt"), "mode"));
  std::string move_on = attrs.is_object() ? text(attrs, "moveOn") : "";
  if (move_on.empty()) move_on = "NotApplicable";  // cmi5.xml's default
  std::string launch_method = attrs.is_object() ? text(attrs, "launchMethod") : "";
  if (launch_method.empty()) launch_method = "AnyWindow";

  // Section 10.2.1: the template every AU statement starts from. The publisher's
  // id goes in grouping because the object id is the LMS's own.
  json context_template = {
      {"contextActivities", {{"grouping", json::array({{{"objectType", "Activity"}, {"id", publisher_id}}})}}},
      {"extensions", {{ext("sessionid"), session_id}}}};
  json launch_data = {{"contextTemplate", context_template},
                      {"launchMode", mode},
                      {"launchMethod", launch_method},
                      {"moveOn", move_on}};
  const json& mastery = member(attrs, "masteryScore");
  if (mastery.is_number()) launch_data["masteryScore"] = mastery;
  const json& parameters = member(attrs, "launchParameters");
  if (parameters.is_string()) launch_data["launchParameters"] = parameters;
  const json& entitlement = member(attrs, "entitlementKey");
  if (entitlement.is_string()) launch_data["entitlementKey"] = {{"courseStructure", entitlement}};
  if (auto back = text(context, "return_url"); !back.empty()) launch_data["returnURL"] = back;

  // Section 9.3.1: the LMS's "launched" statement, before the AU runs.
  json extensions = {{ext("sessionid"), session_id},
                     {ext("launchmode"), mode},
                     {ext("launchurl"), "{launch_url}"},
                     {ext("moveon"), move_on}};
  if (parameters.is_string()) extensions[ext("launchparameters")] = parameters;
  if (mastery.is_number()) extensions[ext("masteryscore")] = mastery;
  json launched = {
      {"actor", "{actor}"},
      {"verb", {{"id", "http://adlnet.gov/expapi/verbs/launched"}, {"display", {{"en-US", "Launched"}}}}},
      {"object",
       {{"objectType", "Activity"},
        {"id", "{activity_id}"},
        {"definition", {{"name", {{"und", text(module, "title").empty() ? publisher_id : text(module, "title")}}}}}}},
      {"context",
       {{"registration", "{registration}"},
        {"contextActivities",
         {{"category", json::array({{{"id", kCategoryCmi5}}})},
          {"grouping", json::array({{{"objectType", "Activity"}, {"id", publisher_id}}})}}},
        {"extensions", extensions}}},
      {"timestamp", "{timestamp}"}};

  json session = {{"rules", "cmi5"}, {"launch_mode", mode}, {"move_on", move_on},
                  {"context_template", context_template}};
  if (mastery.is_number()) session["mastery_score"] = mastery;

  // Only written when absent, so a learner's own choice stays.
  // Section 11.0: the LMS offers a language and an audio preference; a
  // learner's own values replace these defaults once stored.
  std::string language = text(context, "language");
  if (language.empty()) language = text(member(request, "course"), "language");
  if (language.empty()) language = "en-US";
  json preferences = {{"languagePreference", language}, {"audioPreference", "on"}};

  json plan = {
      {"schema", "trellis.launch-plan/1"},
      {"api", "xapi-launch"},
      {"window", launch_method == "OwnWindow" ? "own" : "any"},
      {"query",
       {{"endpoint", "{endpoint}"},
        {"fetch", "{fetch}"},
        {"actor", "{actor}"},
        {"registration", "{registration}"},
        {"activityId", "{activity_id}"}}},
      {"documents",
       json::array({{{"resource", "state"},
                     {"activityId", "{activity_id}"},
                     {"agent", "{actor}"},
                     {"registration", "{registration}"},
                     {"stateId", "LMS.LaunchData"},
                     {"content", launch_data}},
                    {{"resource", "agent_profile"},
                     {"agent", "{actor}"},
                     {"profileId", "cmi5LearnerPreferences"},
                     {"keep_existing", true},
                     {"content", preferences}}})},
      {"statements", json::array({launched})},
      {"session", session}};
  return plan.dump();
}

}  // namespace trellis::cmi5
