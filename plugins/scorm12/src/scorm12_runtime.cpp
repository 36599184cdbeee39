#include "scorm12_runtime.hpp"

#include <algorithm>

#include "commit_facts.hpp"
#include "runtime_documents.hpp"
#include "scorm12_model.hpp"
#include "scorm_time.hpp"
#include "statements.hpp"

namespace trellis::scorm12 {

namespace {

using nlohmann::json;
using scorm::rt::Flat;
using scorm::rt::get;

using scorm::rt::number;

// "" on a first launch and after any exit but suspend; "resume" after
// suspend; "ab-initio" when the attempt has never committed (RTE 3.4.4).
std::string entry_of(const scorm::rt::LaunchRequest& r) {
  if (!r.has_state) return "ab-initio";
  return get(r.state, "cmi.core.exit").value_or("") == "suspend" ? "resume" : "";
}

std::optional<double> mastery_score(const scorm::rt::LaunchRequest& r) {
  const json& m = scorm::rt::module_attribute(r, "masteryscore");
  if (m.is_number()) return m.get<double>();
  if (m.is_string()) return scorm::rt::parse_real(m.get<std::string>());
  return std::nullopt;
}

std::string attribute_text(const scorm::rt::LaunchRequest& r, const char* name) {
  const json& a = scorm::rt::module_attribute(r, name);
  return a.is_string() ? a.get<std::string>() : a.is_null() ? "" : a.dump();
}

// What the SCO starts with: the stored state, minus what belongs to one
// session only (exit, session_time), plus what the LMS says.
Flat launch_elements(const scorm::rt::LaunchRequest& r) {
  Flat e = r.state;
  e.erase("cmi.core.exit");
  e.erase("cmi.core.session_time");
  auto keep = [&](const char* key, const char* initial) {
    if (!e.contains(key)) e[key] = initial;
  };
  keep("cmi.core.lesson_location", "");
  keep("cmi.core.lesson_status", "not attempted");
  keep("cmi.core.score.raw", "");
  keep("cmi.core.score.min", "");
  keep("cmi.core.score.max", "");
  keep("cmi.core.total_time", "0000:00:00.00");
  keep("cmi.suspend_data", "");
  keep("cmi.comments", "");
  e["cmi.core.student_id"] = r.learner_id;
  e["cmi.core.student_name"] = r.learner_name;
  e["cmi.core.credit"] = r.credit;
  e["cmi.core.entry"] = entry_of(r);
  e["cmi.core.lesson_mode"] = r.mode;
  e["cmi.launch_data"] = attribute_text(r, "datafromlms");
  e["cmi.comments_from_lms"] = "";
  auto mastery = mastery_score(r);
  e["cmi.student_data.mastery_score"] = mastery ? scorm::rt::number_text(*mastery) : "";
  e["cmi.student_data.max_time_allowed"] = attribute_text(r, "maxtimeallowed");
  e["cmi.student_data.time_limit_action"] = attribute_text(r, "timelimitaction");
  return e;
}

// RTE 3.4.4: with credit, a mastery score and a raw score, the LMS decides
// passed or failed unless the SCO said something other than completed.
void apply_mastery(const scorm::rt::LaunchRequest& r, Flat& state) {
  auto mastery = mastery_score(r);
  auto raw = number(state, "cmi.core.score.raw");
  if (r.credit != "credit" || !mastery || !raw) return;
  std::string status = get(state, "cmi.core.lesson_status").value_or("not attempted");
  if (status != "completed" && status != "not attempted") return;
  state["cmi.core.lesson_status"] = *raw >= *mastery ? "passed" : "failed";
}

scorm::rt::Status status_of(const Flat& state, bool terminated) {
  scorm::rt::Status s;
  std::string lesson = get(state, "cmi.core.lesson_status").value_or("not attempted");
  if (lesson == "passed" || lesson == "completed" || lesson == "failed") s.completion = "completed";
  else if (lesson == "incomplete" || lesson == "browsed") s.completion = "incomplete";
  else s.completion = "not attempted";
  s.success = lesson == "passed" || lesson == "failed" ? lesson : "unknown";
  s.score_raw = number(state, "cmi.core.score.raw");
  if (s.score_raw) {
    double lo = number(state, "cmi.core.score.min").value_or(0), hi = number(state, "cmi.core.score.max").value_or(100);
    if (hi > lo) s.score_scaled = std::clamp((*s.score_raw - lo) / (hi - lo), -1.0, 1.0);
  }
  s.total_seconds = scorm::rt::parse_cmi_timespan(get(state, "cmi.core.total_time").value_or("")).value_or(0);
  s.location = get(state, "cmi.core.lesson_location").value_or("");
  s.suspended = terminated && get(state, "cmi.core.exit").value_or("") == "suspend";
  return s;
}

}  // namespace

std::string prepare_launch(std::string_view request_json) {
  auto request = scorm::rt::parse_launch_request(request_json);
  return scorm::rt::launch_plan("scorm12", launch_elements(request));
}

std::string apply_commit(std::string_view request_json) {
  auto request = scorm::rt::parse_commit_request(request_json);
  Flat launched = launch_elements(request);
  Flat state = request.state;
  if (auto refused = scorm12_model().apply(request.elements, launched, state))
    return scorm::rt::refused_outcome(refused->code, refused->element, refused->text);

  apply_mastery(request, state);
  double session = 0;
  if (request.terminate) {
    // The session's time joins the total once, when the session ends.
    session = scorm::rt::parse_cmi_timespan(get(state, "cmi.core.session_time").value_or("")).value_or(0);
    double total = scorm::rt::parse_cmi_timespan(get(launched, "cmi.core.total_time").value_or("")).value_or(0);
    state["cmi.core.total_time"] = scorm::rt::format_cmi_timespan(total + session);
    state.erase("cmi.core.session_time");
  }
  scorm::rt::Status before = status_of(launched, false);
  scorm::rt::Status after = status_of(state, request.terminate);
  after.session_seconds = session;

  auto facts = scorm::rt::commit_facts(request, launched["cmi.core.entry"] == "resume", before, after, state,
                                       {"cmi.core.score", "student_response"});
  json statements = scorm::rt::build_statements(request.statement_context, facts);
  return scorm::rt::accepted_outcome(state, after, "", statements);
}

}  // namespace trellis::scorm12
