#include "lrs/statement_prep.hpp"

#include <openssl/rand.h>

#include <cstdio>

#include "xapi/agent.hpp"

namespace trellis::lrs {
namespace {

using json = nlohmann::json;

void normalize_context_activities(json& statement) {
  if (!statement.contains("context") || !statement["context"].contains("contextActivities")) return;
  for (auto& [kind, value] : statement["context"]["contextActivities"].items()) {
    (void)kind;
    if (value.is_object()) value = json::array({value});
  }
}

struct Indexer {
  records::NewStatement& out;

  void agent(const json& a, bool related) {
    std::string key = xapi::agent_key(a);
    if (!key.empty()) out.agents.emplace_back(key, related);
    if (a.contains("member"))
      for (const auto& m : a["member"]) out.agents.emplace_back(xapi::agent_key(m), true);
  }

  void activity(const json& a, bool related) {
    std::string id = a["id"].get<std::string>();
    out.activities.emplace_back(id, related);
    if (a.contains("definition")) out.definitions.emplace_back(id, a["definition"]);
  }

  void object(const json& o, bool related) {
    std::string type = o.value("objectType", "Activity");
    if (type == "Activity") activity(o, related);
    if (type == "Agent" || type == "Group") agent(o, related);
    if (type == "SubStatement") statement(o, true);
  }

  void statement(const json& s, bool related) {
    agent(s["actor"], related);
    object(s["object"], related);
    if (s.contains("authority")) agent(s["authority"], true);
    if (!s.contains("context")) return;
    const json& c = s["context"];
    if (c.contains("instructor")) agent(c["instructor"], true);
    if (c.contains("team")) agent(c["team"], true);
    if (c.contains("contextAgents"))
      for (const auto& e : c["contextAgents"]) agent(e["agent"], true);
    if (c.contains("contextGroups"))
      for (const auto& e : c["contextGroups"]) agent(e["group"], true);
    if (c.contains("contextActivities"))
      for (const auto& [kind, list] : c["contextActivities"].items()) {
        (void)kind;
        for (const auto& a : list) activity(a, true);
      }
  }
};

std::string truncated_duration(const std::string& d) {
  auto dot = d.find('.');
  if (dot == std::string::npos || d.empty() || d.back() != 'S') return d;
  size_t digits = d.size() - 1 - (dot + 1);
  if (digits <= 2) return d;
  return d.substr(0, dot + 3) + "S";
}

json without_lrs_properties(json s) {
  for (const char* k : {"stored", "authority", "version"}) s.erase(k);
  return s;
}

}  // namespace

std::string random_uuid() {
  unsigned char b[16];
  RAND_bytes(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

records::NewStatement prepare_statement(json s, xapi::XapiVersion version, const json& authority) {
  records::NewStatement out;
  if (!s.contains("id")) s["id"] = random_uuid();
  s["authority"] = authority;
  if (!s.contains("version")) s["version"] = version == xapi::XapiVersion::v2_0 ? "2.0.0" : "1.0.0";
  normalize_context_activities(s);
  if (s["object"].value("objectType", "") == "SubStatement") normalize_context_activities(s["object"]);

  out.id = s["id"].get<std::string>();
  out.actor = xapi::agent_key(s["actor"]);
  out.verb = s["verb"]["id"].get<std::string>();
  const json& obj = s["object"];
  std::string type = obj.value("objectType", "Activity");
  if (type == "Activity") out.activity = obj["id"].get<std::string>();
  if (type == "StatementRef") out.object_statement = obj["id"].get<std::string>();
  out.is_voiding = out.verb == "http://adlnet.gov/expapi/verbs/voided" && type == "StatementRef";
  if (s.contains("context") && s["context"].contains("registration"))
    out.registration = s["context"]["registration"].get<std::string>();
  out.authority_key = xapi::agent_key(authority);
  Indexer{out}.statement(s, false);
  out.statement = std::move(s);
  return out;
}

void truncate_durations(json& s) {
  if (!s.is_object()) return;
  if (s.contains("result") && s["result"].is_object() && s["result"].contains("duration") &&
      s["result"]["duration"].is_string())
    s["result"]["duration"] = truncated_duration(s["result"]["duration"].get<std::string>());
  if (s.contains("object")) truncate_durations(s["object"]);
}

bool same_statement(const json& stored, const json& incoming) {
  json a = without_lrs_properties(stored);
  json b = without_lrs_properties(incoming);
  truncate_durations(a);
  truncate_durations(b);
  if (!b.contains("timestamp")) a.erase("timestamp");
  return a == b;
}

}  // namespace trellis::lrs
