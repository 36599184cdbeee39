#include "lrs/export_filter.hpp"

#include <nlohmann/json.hpp>

#include "xapi/agent.hpp"
#include "lrs/statement_validator.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::lrs {
namespace {

Result<std::optional<std::string>> normalized_time(const std::optional<std::string>& text, const char* what) {
  if (!text) return std::optional<std::string>();
  auto parsed = parse_timestamp(*text);
  if (!parsed)
    return make_error(ErrorKind::usage, std::string(what) + ": '" + *text + "' is not an ISO 8601 timestamp");
  return std::optional<std::string>(format_timestamp(parsed->micros));
}

Result<std::optional<std::string>> checked_iri(const std::optional<std::string>& text, const char* what) {
  if (text && !is_iri(*text))
    return make_error(ErrorKind::usage, std::string(what) + ": '" + *text + "' is not an IRI");
  return text;
}

}  // namespace

Result<std::string> agent_key_of(const std::string& agent_json, const char* what) {
  auto agent = nlohmann::json::parse(agent_json, nullptr, false);
  if (agent.is_discarded() || !agent.is_object())
    return make_error(ErrorKind::usage, std::string(what) + ": not a JSON object: " + agent_json);
  if (auto st = validate_agent_parameter(agent, XapiVersion::v2_0); !st)
    return make_error(ErrorKind::usage, std::string(what) + ": " + st.error().message);
  std::string key = agent_key(agent);
  if (key.empty()) return make_error(ErrorKind::usage, std::string(what) + ": the agent has no identifier");
  return key;
}

Result<records::ExportFilter> parse_export_filter(const ExportFilterText& text) {
  records::ExportFilter f;
  auto since = normalized_time(text.since, "since");
  if (!since) return since.error();
  auto until = normalized_time(text.until, "until");
  if (!until) return until.error();
  auto verb = checked_iri(text.verb, "verb");
  if (!verb) return verb.error();
  auto course = checked_iri(text.course, "course");
  if (!course) return course.error();
  f.since = *since;
  f.until = *until;
  f.verb = *verb;
  f.course = *course;
  if (text.agent) {
    auto key = agent_key_of(*text.agent, "agent");
    if (!key) return key.error();
    f.agent = *key;
  }
  return f;
}

}  // namespace trellis::lrs
