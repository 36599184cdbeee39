#include "runtime_documents.hpp"

#include "trellis/cpp/core.hpp"

namespace trellis::scorm::rt {

namespace {

using nlohmann::json;

json parse_object(std::string_view text, const char* schema) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InvalidInput(std::string("the request is not a JSON object"));
  if (j.value("schema", std::string()) != schema)
    throw InvalidInput(std::string("the request is not a ") + schema + " document");
  if (!j.contains("module") || !j["module"].is_object()) throw InvalidInput("the request has no module object");
  return j;
}

void fill_launch(const json& j, LaunchRequest& r) {
  r.course = j.value("course", json::object());
  r.module = j["module"];
  const json& learner = j.value("learner", json::object());
  r.learner_id = learner.value("id", std::string());
  r.learner_name = learner.value("name", std::string());
  const json& attempt = j.value("attempt", json::object());
  r.attempt_number = attempt.value("number", 1);
  r.mode = attempt.value("mode", std::string("normal"));
  r.credit = attempt.value("credit", std::string("credit"));
  if (r.mode != "normal" && r.mode != "browse" && r.mode != "review") throw InvalidInput("attempt.mode is unknown");
  if (r.credit != "credit" && r.credit != "no-credit") throw InvalidInput("attempt.credit is unknown");
  if (attempt.contains("state") && attempt["state"].is_object()) {
    r.state = flat_of(attempt["state"]);
    r.has_state = true;
  }
}

}  // namespace

LaunchRequest parse_launch_request(std::string_view text) {
  json j = parse_object(text, "trellis.launch-request/1");
  LaunchRequest r;
  fill_launch(j, r);
  return r;
}

CommitRequest parse_commit_request(std::string_view text) {
  json j = parse_object(text, "trellis.commit-request/1");
  CommitRequest r;
  fill_launch(j, r);
  if (!j.contains("elements") || !j["elements"].is_object()) throw InvalidInput("the commit has no elements object");
  r.elements = j["elements"];
  r.terminate = j.value("terminate", false);
  r.session_first = j.value("session_first", false);
  r.statement_context = j.value("statement_context", json::object());
  return r;
}

const json& module_attribute(const LaunchRequest& r, const char* name) {
  static const json none;
  auto a = r.module.find("attributes");
  if (a == r.module.end() || !a->is_object()) return none;
  auto it = a->find(name);
  return it == a->end() ? none : *it;
}

std::string launch_plan(const char* api, const Flat& elements) {
  return json{{"schema", "trellis.launch-plan/1"}, {"api", api}, {"elements", elements}}.dump();
}

std::string refused_outcome(int code, const std::string& element, const std::string& text) {
  return json{{"schema", "trellis.commit-outcome/1"}, {"error_code", code}, {"error_element", element},
              {"error_text", text}}
      .dump();
}

std::string accepted_outcome(const Flat& state, const Status& s, const std::string& navigation,
                             const json& statements) {
  auto number = [](const std::optional<double>& d) { return d ? json(*d) : json(nullptr); };
  json status = {{"completion", s.completion},       {"success", s.success},
                 {"score_scaled", number(s.score_scaled)}, {"score_raw", number(s.score_raw)},
                 {"session_seconds", s.session_seconds}, {"total_seconds", s.total_seconds},
                 {"suspended", s.suspended},        {"location", s.location}};
  return json{{"schema", "trellis.commit-outcome/1"},
              {"error_code", 0},
              {"error_element", ""},
              {"error_text", ""},
              {"state", state},
              {"status", status},
              {"navigation", navigation},
              {"statements", statements}}
      .dump();
}

}  // namespace trellis::scorm::rt
