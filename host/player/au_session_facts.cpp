#include "player/au_session_facts.hpp"

#include "json/bounded_parse.hpp"

namespace trellis::player {

using json = nlohmann::json;
using lrs::cmi5::AuSession;
using lrs::cmi5::LaunchMode;

std::string launch_mode_name(LaunchMode mode) {
  switch (mode) {
    case LaunchMode::browse:
      return "Browse";
    case LaunchMode::review:
      return "Review";
    case LaunchMode::normal:
      break;
  }
  return "Normal";
}

LaunchMode launch_mode_from(const std::string& name) {
  if (name == "Browse") return LaunchMode::browse;
  if (name == "Review") return LaunchMode::review;
  return LaunchMode::normal;
}

std::string facts_json(const AuSession& s) {
  json out = {{"registration", s.registration},
              {"session_id", s.session_id},
              {"au_activity_id", s.au_activity_id},
              {"actor", s.actor},
              {"context_template", s.context_template},
              {"launch_mode", launch_mode_name(s.launch_mode)},
              {"mastery_score", s.mastery_score ? json(*s.mastery_score) : json(nullptr)},
              {"session",
               {{"initialized", s.session.initialized},
                {"terminated", s.session.terminated},
                {"abandoned", s.session.abandoned},
                {"completed", s.session.completed},
                {"passed", s.session.passed},
                {"failed", s.session.failed},
                {"preferences_read", s.session.preferences_read}}},
              {"in_registration", {{"completed", s.in_registration.completed}, {"passed", s.in_registration.passed}}}};
  return out.dump();
}

Result<AuSession> parse_facts(const std::string& text) {
  json in = parse_json_or_discarded(text, kStoredJson);
  if (!in.is_object() || !in.contains("session") || !in["session"].is_object())
    return make_error(ErrorKind::internal, "a stored AU session's facts are not the player's JSON");
  AuSession s;
  s.registration = in.value("registration", "");
  s.session_id = in.value("session_id", "");
  s.au_activity_id = in.value("au_activity_id", "");
  s.actor = in.value("actor", json::object());
  s.context_template = in.value("context_template", json::object());
  s.launch_mode = launch_mode_from(in.value("launch_mode", "Normal"));
  if (in.contains("mastery_score") && in["mastery_score"].is_number()) s.mastery_score = in["mastery_score"].get<double>();
  const json& session = in["session"];
  s.session.initialized = session.value("initialized", false);
  s.session.terminated = session.value("terminated", false);
  s.session.abandoned = session.value("abandoned", false);
  s.session.completed = session.value("completed", false);
  s.session.passed = session.value("passed", false);
  s.session.failed = session.value("failed", false);
  s.session.preferences_read = session.value("preferences_read", false);
  json reg = in.value("in_registration", json::object());
  s.in_registration.completed = reg.value("completed", false);
  s.in_registration.passed = reg.value("passed", false);
  return s;
}

}  // namespace trellis::player
