#include "player/cmi5_lms_duties.hpp"

#include <map>

#include "json/bounded_parse.hpp"
#include "lrs/statement_prep.hpp"
#include "player/au_session_store.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player::cmi5_lms {
namespace {

using json = nlohmann::json;
namespace rules = lrs::cmi5;

json cmi5_category() { return json::array({{{"id", std::string(rules::kCategoryCmi5)}}}); }

json activity(const std::string& id, const char* type, const std::string& name) {
  json a = {{"objectType", "Activity"}, {"id", id}, {"definition", {{"type", type}}}};
  if (!name.empty()) a["definition"]["name"] = {{"und", name}};
  return a;
}

// ISO 8601 duration of a span, to the hundredth of a second as cmi5 AUs write it.
std::string duration_of(int64_t micros) {
  if (micros < 0) micros = 0;
  int64_t centis = micros / 10000;
  int64_t hours = centis / 360000;
  int64_t minutes = (centis / 6000) % 60;
  int64_t seconds = (centis / 100) % 60;
  int64_t rest = centis % 100;
  std::string frac = rest < 10 ? "0" + std::to_string(rest) : std::to_string(rest);
  return "PT" + std::to_string(hours) + "H" + std::to_string(minutes) + "M" + std::to_string(seconds) + "." + frac +
         "S";
}

std::string text_of(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Whether the AU of `module` is done for its block and course: waived, or its
// moveOn (cmi5.xml's attribute, as the importer kept it) met by what the LRS learnt.
bool au_satisfied(const RunModule& module, const json& status) {
  if (status.contains("waived")) return true;
  const json attrs = module.node.value("attributes", json::object());
  std::string move_on = attrs.is_object() ? text_of(attrs, "moveOn") : "";
  if (move_on.empty()) move_on = "NotApplicable";
  return rules::move_on_met(move_on, text_of(status, "completion") == "completed", text_of(status, "success") == "passed");
}

bool is_au(const RunModule& m) { return m.launchable && m.node.value("kind", "") == "au"; }

}  // namespace

std::string au_activity_id(const std::string& module_id) { return "urn:trellis:cmi5:au:" + module_id; }
std::string block_activity_id(const std::string& module_id) { return "urn:trellis:cmi5:block:" + module_id; }
std::string course_activity_id(const std::string& course_id) { return "urn:trellis:cmi5:course:" + course_id; }

json launch_actor(const Learner& learner) {
  return {{"objectType", "Agent"},
          {"name", learner.name},
          {"account", {{"homePage", "urn:trellis:learner"}, {"name", learner.id}}}};
}

json abandoned_statement(const rules::AuSession& session, int64_t launched_micros, int64_t now_micros) {
  json context = session.context_template.is_object() ? session.context_template : json::object();
  context["registration"] = session.registration;
  context["contextActivities"]["category"] = cmi5_category();
  context["extensions"][std::string(rules::kExtensionSessionId)] = session.session_id;
  return {{"id", lrs::random_uuid()},
          {"actor", session.actor},
          {"verb", {{"id", "https://w3id.org/xapi/adl/verbs/abandoned"}, {"display", {{"en-US", "Abandoned"}}}}},
          {"object", {{"objectType", "Activity"}, {"id", session.au_activity_id}}},
          {"result", {{"duration", duration_of(now_micros - launched_micros)}}},
          {"context", context},
          {"timestamp", xapi::format_timestamp(now_micros)}};
}

bool is_waive_reason(const std::string& reason) {
  return reason == "Tested Out" || reason == "Equivalent AU" || reason == "Equivalent Outside Activity" ||
         reason == "Administrative";
}

json waived_statement(const json& actor, const std::string& registration, const std::string& module_id,
                      const std::string& publisher_id, const std::string& reason, const std::string& session_id) {
  json context = {
      {"registration", registration},
      {"contextActivities",
       {{"category", json::array({{{"id", std::string(rules::kCategoryCmi5)}}, {{"id", std::string(rules::kCategoryMoveOn)}}})},
        {"grouping", json::array({{{"objectType", "Activity"}, {"id", publisher_id}}})}}},
      {"extensions", {{std::string(rules::kExtensionSessionId), session_id}}}};
  return {{"id", lrs::random_uuid()},
          {"actor", actor},
          {"verb", {{"id", "https://w3id.org/xapi/adl/verbs/waived"}, {"display", {{"en-US", "Waived"}}}}},
          {"object", {{"objectType", "Activity"}, {"id", au_activity_id(module_id)}}},
          {"result",
           {{"success", true},
            {"completion", true},
            {"extensions", {{"https://w3id.org/xapi/cmi5/result/extensions/reason", reason}}}}},
          {"context", context},
          {"timestamp", xapi::format_timestamp(xapi::now_micros())}};
}

Result<std::vector<json>> newly_satisfied(store::Database& db, const Registration& registration, const CourseRun& run,
                                          const json& actor, const std::string& session_id) {
  auto attempts = PlayerStore(db).attempts_of(registration.id);
  if (!attempts) return attempts.error();
  std::map<std::string, json> status_of;  // module id -> its latest attempt's status
  for (const auto& a : *attempts) {
    json parsed = parse_json_or_discarded(a.status, kStoredJson);
    status_of[a.module_id] = parsed.is_object() ? parsed : json::object();
  }
  auto satisfied = [&](const RunModule& m) { return au_satisfied(m, status_of.count(m.module_id) ? status_of[m.module_id] : json::object()); };

  // Each block's AUs are the AUs after it in tree order, until the tree comes
  // back to its depth; the course's are all of them.
  struct Owed {
    std::string id;            // the LMS's id of the block or course
    json object;
    std::string publisher_id;  // its id in the course structure (section 9.6.2.3: in grouping)
  };
  std::vector<Owed> owed;
  const auto& modules = run.modules;
  bool course_done = false;
  bool any_au = false;
  for (size_t i = 0; i < modules.size(); ++i) {
    if (is_au(modules[i])) {
      any_au = true;
      continue;
    }
    bool all = true;
    bool some = false;
    for (size_t j = i + 1; j < modules.size() && modules[j].depth > modules[i].depth; ++j)
      if (is_au(modules[j])) {
        some = true;
        all = all && satisfied(modules[j]);
      }
    if (some && all)
      owed.push_back({block_activity_id(modules[i].module_id),
                      activity(block_activity_id(modules[i].module_id), "https://w3id.org/xapi/cmi5/activitytype/block",
                               modules[i].title),
                      modules[i].identifier});
  }
  course_done = any_au;
  for (const auto& m : modules)
    if (is_au(m)) course_done = course_done && satisfied(m);
  if (course_done)
    owed.push_back({course_activity_id(run.version.course_id),
                    activity(course_activity_id(run.version.course_id), "https://w3id.org/xapi/cmi5/activitytype/course",
                             run.version.title),
                    run.version.identifier});

  std::vector<json> statements;
  AuSessionStore sessions(db);
  std::string now = xapi::format_timestamp(xapi::now_micros());
  for (auto& [id, object, publisher_id] : owed) {
    auto already = sessions.mark_satisfied(registration.id, id, now);
    if (!already) return already.error();
    if (*already) continue;
    statements.push_back(
        {{"id", lrs::random_uuid()},
         {"actor", actor},
         {"verb", {{"id", "https://w3id.org/xapi/adl/verbs/satisfied"}, {"display", {{"en-US", "Satisfied"}}}}},
         {"object", object},
         {"context",
          {{"registration", registration.xapi_registration},
           {"contextActivities",
            {{"category", cmi5_category()},
             {"grouping", json::array({{{"objectType", "Activity"}, {"id", publisher_id}}})}}},
           {"extensions", {{std::string(rules::kExtensionSessionId), session_id}}}}},
         {"timestamp", now}});
  }
  return statements;
}

}  // namespace trellis::player::cmi5_lms
