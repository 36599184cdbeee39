// A small SCORM 1.2 data model behind trellis.runtime/1, so the player's host
// side is tested end to end through a real plugin before the full SCORM
// runtimes land: lesson_status, score.raw, exit, suspend_data (4,096
// characters), lesson_location; read-only elements are ignored as sent back;
// anything else under cmi. is refused with 401, a bad value with 405 (the
// SCORM 1.2 codes). A terminating commit yields one xAPI "terminated" statement.
#include <nlohmann/json.hpp>

#include "trellis/cpp/plugin.hpp"

namespace tally {

using json = nlohmann::json;

const char* const kReadOnly[] = {"cmi.core.student_id", "cmi.core.student_name", "cmi.core.entry",
                                 "cmi.core.credit",     "cmi.core.lesson_mode",  "cmi.core.total_time",
                                 "cmi.launch_data",     "cmi.core._children",    "cmi._version"};

bool read_only(const std::string& key) {
  for (const char* k : kReadOnly)
    if (key == k) return true;
  return false;
}

json refused(int code, const std::string& element, const std::string& text) {
  return {{"schema", "trellis.commit-outcome/1"}, {"error_code", code}, {"error_element", element}, {"error_text", text}};
}

// Why `value` may not be stored in `key`; "" when it may.
std::string check(const std::string& key, const std::string& value) {
  if (key == "cmi.core.lesson_status") {
    for (const char* v : {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"})
      if (value == v) return "";
    return "not a lesson status";
  }
  if (key == "cmi.core.score.raw") {
    if (value.empty()) return "";
    try {
      size_t used = 0;
      double d = std::stod(value, &used);
      return used == value.size() && d >= 0 && d <= 100 ? "" : "not a score from 0 to 100";
    } catch (...) {
      return "not a number";
    }
  }
  if (key == "cmi.core.exit") return value.empty() || value == "suspend" || value == "logout" || value == "time-out" ? "" : "not an exit";
  if (key == "cmi.suspend_data") return value.size() <= 4096 ? "" : "longer than 4096 characters";
  if (key == "cmi.core.lesson_location") return value.size() <= 255 ? "" : "longer than 255 characters";
  if (key == "cmi.core.session_time") return "";
  return "unknown";
}

json status_of(const json& state) {
  std::string lesson = state.value("cmi.core.lesson_status", "not attempted");
  std::string completion = lesson == "passed" || lesson == "completed" || lesson == "failed" ? "completed"
                           : lesson == "incomplete" || lesson == "browsed"                  ? "incomplete"
                                                                                            : "not attempted";
  std::string success = lesson == "passed" || lesson == "failed" ? lesson : "unknown";
  json raw = nullptr, scaled = nullptr;
  if (auto s = state.value("cmi.core.score.raw", std::string()); !s.empty()) {
    raw = std::stod(s);
    scaled = std::stod(s) / 100.0;
  }
  return {{"completion", completion}, {"success", success}, {"score_scaled", scaled}, {"score_raw", raw},
          {"session_seconds", 0}, {"total_seconds", 0}, {"suspended", state.value("cmi.core.exit", "") == "suspend"},
          {"location", state.value("cmi.core.lesson_location", "")}};
}

class TallyRuntime : public trellis::Plugin, public trellis::Runtime {
 public:
  explicit TallyRuntime(trellis::Host) {}
  const char* runtime_format() const override { return "scorm12"; }

  std::string prepare_launch(std::string_view request_json) const override {
    json req = json::parse(request_json, nullptr, false);
    if (!req.is_object() || req.value("schema", "") != "trellis.launch-request/1")
      throw trellis::InvalidInput("not a launch request");
    json state = req["attempt"]["state"].is_object() ? req["attempt"]["state"] : json::object();
    json elements = state;
    elements["cmi.core.student_id"] = req["learner"]["id"];
    elements["cmi.core.student_name"] = req["learner"]["name"];
    elements["cmi.core.entry"] = state.value("cmi.core.exit", "") == "suspend" ? "resume" : "ab-initio";
    elements["cmi.core.credit"] = "credit";
    if (!elements.contains("cmi.core.lesson_status")) elements["cmi.core.lesson_status"] = "not attempted";
    return json{{"schema", "trellis.launch-plan/1"}, {"api", "scorm12"}, {"elements", elements}}.dump();
  }

  std::string apply_commit(std::string_view request_json) const override {
    json req = json::parse(request_json, nullptr, false);
    if (!req.is_object() || req.value("schema", "") != "trellis.commit-request/1")
      throw trellis::InvalidInput("not a commit request");
    json state = req["attempt"]["state"].is_object() ? req["attempt"]["state"] : json::object();
    for (const auto& [key, value] : req["elements"].items()) {
      if (read_only(key)) continue;
      if (!value.is_string()) return refused(405, key, key + " must be a string").dump();
      std::string why = check(key, value.get<std::string>());
      if (why == "unknown") return refused(401, key, key + " is not implemented").dump();
      if (!why.empty()) return refused(405, key, key + ": " + why).dump();
      state[key] = value;
    }
    json statements = json::array();
    const json& ctx = req["statement_context"];
    if (req.value("terminate", false))
      statements.push_back({{"actor", ctx["actor"]},
                            {"verb", {{"id", "http://adlnet.gov/expapi/verbs/terminated"}, {"display", {{"en-US", "terminated"}}}}},
                            {"object", {{"objectType", "Activity"}, {"id", ctx["activity_id"]}}},
                            {"context", {{"registration", ctx["registration"]},
                                         {"contextActivities", {{"parent", json::array({{{"id", ctx["course_activity_id"]}}})}}}}},
                            {"timestamp", ctx["timestamp"]}});
    return json{{"schema", "trellis.commit-outcome/1"}, {"error_code", 0}, {"error_element", ""}, {"error_text", ""},
                {"state", state}, {"status", status_of(state)}, {"navigation", ""}, {"statements", statements}}
        .dump();
  }
};

}  // namespace tally

TRELLIS_PLUGIN(tally::TallyRuntime, "tally-runtime", "1.0.0")
