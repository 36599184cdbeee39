#include "scorm2004_runtime.hpp"

#include "commit_facts.hpp"
#include "runtime_documents.hpp"
#include "scorm2004_model.hpp"
#include "scorm_time.hpp"
#include "statements.hpp"

namespace trellis::scorm2004 {

namespace {

using nlohmann::json;
using scorm::rt::Flat;
using scorm::rt::get;

using scorm::rt::number;

std::string edition_of(const scorm::rt::LaunchRequest& r) {
  const json& e = r.course.contains("edition") ? r.course["edition"] : json();
  return e.is_string() ? e.get<std::string>() : "4th";
}

// The completion threshold the node gives the SCO: 2nd/3rd Edition's text
// form, or 4th's attributes when completedByMeasure is true.
std::optional<double> completion_threshold(const scorm::rt::LaunchRequest& r) {
  const json& c = scorm::rt::module_attribute(r, "completionThreshold");
  if (!c.is_object() || !c.contains("minProgressMeasure") || !c["minProgressMeasure"].is_number()) return std::nullopt;
  if (c.value("form", std::string()) == "attributes" && !c.value("completedByMeasure", false)) return std::nullopt;
  return c["minProgressMeasure"].get<double>();
}

// The primary objective's minNormalizedMeasure when it is satisfied by
// measure (IMS SS), else none.
std::optional<double> scaled_passing_score(const scorm::rt::LaunchRequest& r) {
  const json* p = &r.module;
  for (const char* k : {"sequencing", "objectives", "primaryObjective"}) {
    if (!p->is_object() || !p->contains(k)) return std::nullopt;
    p = &(*p)[k];
  }
  auto by = p->find("satisfiedByMeasure");
  if (by == p->end() || !(by->is_boolean() ? by->get<bool>() : *by == "true")) return std::nullopt;
  auto m = p->find("minNormalizedMeasure");
  if (m == p->end()) return 1.0;
  if (m->is_number()) return m->get<double>();
  if (m->is_object() && m->contains("value") && (*m)["value"].is_number()) return (*m)["value"].get<double>();
  return 1.0;
}

std::string text(const json& j) { return j.is_string() ? j.get<std::string>() : j.is_null() ? "" : j.dump(); }

Flat launch_elements(const scorm::rt::LaunchRequest& r) {
  Flat e = r.state;
  e.erase("cmi.exit");
  e.erase("cmi.session_time");
  e.erase("adl.nav.request");
  for (const char* key : {"cmi.location", "cmi.suspend_data", "cmi.progress_measure", "cmi.score.scaled",
                          "cmi.score.raw", "cmi.score.min", "cmi.score.max"})
    if (!e.contains(key)) e[key] = "";
  if (!e.contains("cmi.completion_status")) e["cmi.completion_status"] = "unknown";
  if (!e.contains("cmi.success_status")) e["cmi.success_status"] = "unknown";
  if (!e.contains("cmi.total_time")) e["cmi.total_time"] = "PT0S";
  e["cmi._version"] = "1.0";
  e["cmi.learner_id"] = r.learner_id;
  e["cmi.learner_name"] = r.learner_name;
  e["cmi.credit"] = r.credit;
  e["cmi.mode"] = r.mode;
  e["cmi.entry"] = !r.has_state ? "ab-initio" : get(r.state, "cmi.exit").value_or("") == "suspend" ? "resume" : "";
  e["cmi.launch_data"] = text(scorm::rt::module_attribute(r, "dataFromLMS"));
  auto threshold = completion_threshold(r);
  e["cmi.completion_threshold"] = threshold ? scorm::rt::number_text(*threshold) : "";
  auto sps = scaled_passing_score(r);
  e["cmi.scaled_passing_score"] = sps ? scorm::rt::number_text(*sps) : "";
  std::string action = text(scorm::rt::module_attribute(r, "timeLimitAction"));
  e["cmi.time_limit_action"] = action.empty() ? "continue,no message" : action;
  e["cmi.max_time_allowed"] = "";
  return e;
}

// RTE 4.2.4.1 and 4.2.22.1: a threshold and a measure decide completion; a
// passing score decides success, and without a scaled score makes it unknown.
void evaluate(const scorm::rt::LaunchRequest& r, Flat& state) {
  if (auto threshold = completion_threshold(r)) {
    if (auto progress = number(state, "cmi.progress_measure"))
      state["cmi.completion_status"] = *progress >= *threshold ? "completed" : "incomplete";
  }
  if (auto sps = scaled_passing_score(r)) {
    auto scaled = number(state, "cmi.score.scaled");
    state["cmi.success_status"] = !scaled ? "unknown" : *scaled >= *sps ? "passed" : "failed";
  }
}

scorm::rt::Status status_of(const Flat& state, bool terminated) {
  scorm::rt::Status s;
  s.completion = get(state, "cmi.completion_status").value_or("unknown");
  s.success = get(state, "cmi.success_status").value_or("unknown");
  s.score_scaled = number(state, "cmi.score.scaled");
  s.score_raw = number(state, "cmi.score.raw");
  s.total_seconds = scorm::rt::parse_iso_duration(get(state, "cmi.total_time").value_or("")).value_or(0);
  s.location = get(state, "cmi.location").value_or("");
  s.suspended = terminated && get(state, "cmi.exit").value_or("") == "suspend";
  return s;
}

// adl.nav.request as the player's navigation word; "" for none.
std::string navigation_of(const std::string& request) {
  if (request.empty() || request == "_none_") return "";
  if (request[0] == '{') {
    size_t close = request.find('}');
    return "choice:" + request.substr(8, close - 8);
  }
  return request;
}

}  // namespace

std::string prepare_launch(std::string_view request_json) {
  auto request = scorm::rt::parse_launch_request(request_json);
  return scorm::rt::launch_plan("scorm2004", launch_elements(request));
}

std::string apply_commit(std::string_view request_json) {
  auto request = scorm::rt::parse_commit_request(request_json);
  Flat launched = launch_elements(request);
  // What the LMS says is valid navigation is its own business: the content
  // echoing adl.nav.request_valid.* back changes nothing.
  Flat elements = Flat::object();
  for (const auto& [k, v] : request.elements.items())
    if (k.rfind("adl.nav.request_valid.", 0) != 0) elements[k] = v;
  Flat state = request.state;
  if (auto refused = scorm2004_model(edition_of(request)).apply(elements, launched, state))
    return scorm::rt::refused_outcome(refused->code, refused->element, refused->text);

  std::string navigation = navigation_of(get(state, "adl.nav.request").value_or(""));
  state.erase("adl.nav.request");  // a request, not state: the next session starts without one
  evaluate(request, state);
  double session = 0;
  if (request.terminate) {
    session = scorm::rt::parse_iso_duration(get(state, "cmi.session_time").value_or("")).value_or(0);
    double total = scorm::rt::parse_iso_duration(get(launched, "cmi.total_time").value_or("")).value_or(0);
    state["cmi.total_time"] = scorm::rt::format_iso_duration(total + session);
    state.erase("cmi.session_time");
  }
  scorm::rt::Status before = status_of(launched, false);
  scorm::rt::Status after = status_of(state, request.terminate);
  after.session_seconds = session;

  auto facts = scorm::rt::commit_facts(request, launched["cmi.entry"] == "resume", before, after, state,
                                       {"cmi.score", "learner_response"});
  return scorm::rt::accepted_outcome(state, after, navigation, scorm::rt::build_statements(request.statement_context, facts));
}

}  // namespace trellis::scorm2004
