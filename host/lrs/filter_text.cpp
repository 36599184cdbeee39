#include "lrs/filter_text.hpp"

#include <nlohmann/json.hpp>

#include "json/bounded_parse.hpp"
#include "lrs/statement_validator.hpp"
#include "xapi/agent.hpp"
#include "xapi/identifiers.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::lrs {
namespace {

// A timestamp in the form `stored` is kept in, so it compares as text.
std::optional<std::string> stored_form(const std::string& text) {
  auto parsed = xapi::parse_timestamp(text);
  if (!parsed) return std::nullopt;
  return xapi::format_timestamp(parsed->micros);
}

// The key the statements are indexed by, for an Agent or Group already parsed.
Result<std::string> indexed_agent(const nlohmann::json& agent, xapi::XapiVersion version) {
  TRELLIS_TRY(validate_agent_parameter(agent, version));
  return xapi::agent_key(agent);
}

Result<std::optional<std::string>> export_time(const std::optional<std::string>& text, const char* what) {
  if (!text) return std::optional<std::string>();
  auto stored = stored_form(*text);
  if (!stored) return make_error(ErrorKind::usage, std::string(what) + ": '" + *text + "' is not an ISO 8601 timestamp");
  return stored;
}

Result<std::optional<std::string>> export_iri(const std::optional<std::string>& text, const char* what) {
  if (text && !xapi::is_iri(*text))
    return make_error(ErrorKind::usage, std::string(what) + ": '" + *text + "' is not an IRI");
  return text;
}

Error bad_parameter(const std::string& message) { return make_error(ErrorKind::invalid_input, message); }

Status xapi_time(const std::optional<std::string>& text, std::optional<std::string>& into, const char* what) {
  if (!text) return {};
  into = stored_form(*text);
  if (!into) return bad_parameter(std::string(what) + " must be an ISO 8601 timestamp");
  return {};
}

}  // namespace

Result<std::string> agent_key_of(const std::string& agent_json, const char* what) {
  auto parsed = parse_json(agent_json);
  if (!parsed) return make_error(ErrorKind::usage, std::string(what) + ": " + parsed.error().message);
  nlohmann::json agent = std::move(*parsed);
  if (!agent.is_object()) return make_error(ErrorKind::usage, std::string(what) + ": not a JSON object: " + agent_json);
  // People type a mailbox as they know it ("ana@example.org", "MAILTO:..."); it
  // is taken in the form statements are indexed by, so a right-to-erasure
  // request finds the learner however the address was written.
  if (auto mbox = agent.find("mbox"); mbox != agent.end() && mbox->is_string())
    if (auto iri = xapi::mbox_iri(mbox->get_ref<const std::string&>())) *mbox = *iri;
  auto key = indexed_agent(agent, xapi::XapiVersion::v2_0);
  if (!key) return make_error(ErrorKind::usage, std::string(what) + ": " + key.error().message);
  if (key->empty()) return make_error(ErrorKind::usage, std::string(what) + ": the agent has no identifier");
  return key;
}

Result<records::StatementFilter> parse_export_filter(const ExportFilterText& text) {
  records::StatementFilter f;
  auto since = export_time(text.since, "since");
  if (!since) return since.error();
  auto until = export_time(text.until, "until");
  if (!until) return until.error();
  auto verb = export_iri(text.verb, "verb");
  if (!verb) return verb.error();
  auto course = export_iri(text.course, "course");
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

Result<records::StatementFilter> parse_xapi_filter(const XapiFilterText& text, xapi::XapiVersion version) {
  records::StatementFilter f;
  if (text.agent) {
    auto parsed = parse_json(*text.agent);
    if (!parsed) return bad_parameter("agent: " + parsed.error().message);
    const nlohmann::json& agent = *parsed;
    // An anonymous Group's key is "", which is the actor key such groups are stored under.
    auto key = indexed_agent(agent, version);
    if (!key) return key.error();
    f.agent = *key;
  }
  if (text.verb) {
    if (!xapi::is_iri(*text.verb)) return bad_parameter("verb must be an IRI");
    f.verb = *text.verb;
  }
  if (text.activity) {
    if (!xapi::is_iri(*text.activity)) return bad_parameter("activity must be an IRI");
    f.activity = *text.activity;
  }
  if (text.registration) {
    if (!xapi::is_uuid(*text.registration)) return bad_parameter("registration must be a UUID");
    f.registration = *text.registration;
  }
  TRELLIS_TRY(xapi_time(text.since, f.since, "since"));
  TRELLIS_TRY(xapi_time(text.until, f.until, "until"));
  return f;
}

}  // namespace trellis::lrs
