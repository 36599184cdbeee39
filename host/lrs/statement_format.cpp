#include "lrs/statement_format.hpp"

#include <sstream>
#include <vector>

#include "xapi/agent.hpp"

namespace trellis::lrs {
namespace {

using json = nlohmann::json;

std::vector<std::string> preferred_languages(const std::string& accept_language) {
  std::vector<std::string> out;
  std::stringstream in(accept_language);
  std::string item;
  while (std::getline(in, item, ',')) {
    auto semi = item.find(';');
    std::string tag = item.substr(0, semi);
    tag.erase(0, tag.find_first_not_of(' '));
    while (!tag.empty() && tag.back() == ' ') tag.pop_back();
    if (!tag.empty() && tag != "*") out.push_back(tag);
  }
  return out;
}

void reduce_map(json& map, const std::vector<std::string>& langs) {
  if (!map.is_object() || map.size() <= 1) return;
  for (const auto& lang : langs)
    if (map.contains(lang)) {
      map = json{{lang, map[lang]}};
      return;
    }
  auto first = map.begin();
  map = json{{first.key(), first.value()}};
}

void canonical(json& node, const std::vector<std::string>& langs) {
  if (node.is_array()) {
    for (auto& v : node) canonical(v, langs);
    return;
  }
  if (!node.is_object()) return;
  for (auto& [key, value] : node.items()) {
    if (key == "extensions") continue;
    if (key == "display" || key == "name" || key == "description") {
      if (value.is_object()) {
        reduce_map(value, langs);
        continue;
      }
    }
    canonical(value, langs);
  }
}

json ids_object(const json& o);

json ids_agent(const json& a) { return xapi::agent_ids_only(a); }

json ids_activity(const json& a) {
  return json{{"id", a["id"]}};
}

json ids_statement(json s) {
  if (s.contains("actor")) s["actor"] = ids_agent(s["actor"]);
  if (s.contains("verb")) s["verb"] = json{{"id", s["verb"]["id"]}};
  if (s.contains("object")) s["object"] = ids_object(s["object"]);
  if (s.contains("authority")) s["authority"] = ids_agent(s["authority"]);
  if (s.contains("context")) {
    json& c = s["context"];
    if (c.contains("instructor")) c["instructor"] = ids_agent(c["instructor"]);
    if (c.contains("team")) c["team"] = ids_agent(c["team"]);
    if (c.contains("contextActivities"))
      for (auto& [kind, list] : c["contextActivities"].items()) {
        (void)kind;
        for (auto& a : list) a = ids_activity(a);
      }
    if (c.contains("contextAgents"))
      for (auto& e : c["contextAgents"]) e["agent"] = ids_agent(e["agent"]);
    if (c.contains("contextGroups"))
      for (auto& e : c["contextGroups"]) e["group"] = ids_agent(e["group"]);
  }
  return s;
}

json ids_object(const json& o) {
  std::string type = o.value("objectType", "Activity");
  if (type == "Activity") return ids_activity(o);
  if (type == "Agent" || type == "Group") return ids_agent(o);
  if (type == "SubStatement") return ids_statement(o);
  return o;
}

}  // namespace

json format_statement(const json& statement, StatementFormat format, const std::string& accept_language) {
  switch (format) {
    case StatementFormat::exact:
      return statement;
    case StatementFormat::ids:
      return ids_statement(statement);
    case StatementFormat::canonical: {
      json out = statement;
      canonical(out, preferred_languages(accept_language));
      return out;
    }
  }
  return statement;
}

}  // namespace trellis::lrs
