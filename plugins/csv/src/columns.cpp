#include "columns.hpp"

#include <functional>
#include <utility>

namespace trellis::csv {
namespace {

using json = nlohmann::json;
using Extract = std::function<std::string(const json&)>;

const json* at(const json& node, std::initializer_list<const char*> path) {
  const json* cur = &node;
  for (const char* key : path) {
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(key);
    if (it == cur->end()) return nullptr;
    cur = &*it;
  }
  return cur;
}

// Strings as they are; numbers and booleans in their JSON spelling (so a score
// keeps the digits the statement carried); anything else as compact JSON.
std::string scalar(const json* value) {
  if (value == nullptr || value->is_null()) return {};
  if (value->is_string()) return value->get<std::string>();
  return value->dump();
}

Extract path(std::initializer_list<const char*> p) {
  std::vector<const char*> keys(p);
  return [keys](const json& s) {
    const json* cur = &s;
    for (const char* key : keys) {
      if (!cur->is_object() || !cur->contains(key)) return std::string();
      cur = &(*cur)[key];
    }
    return scalar(cur);
  };
}

Extract language(std::initializer_list<const char*> p) {
  std::vector<const char*> keys(p);
  return [keys](const json& s) {
    const json* cur = &s;
    for (const char* key : keys) {
      if (!cur->is_object() || !cur->contains(key)) return std::string();
      cur = &(*cur)[key];
    }
    return pick_language(*cur);
  };
}

// The ids of a context activities list (an array, or one object in 1.0.x), space separated.
Extract activity_ids(const char* which) {
  return [which](const json& s) {
    const json* list = at(s, {"context", "contextActivities", which});
    if (list == nullptr) return std::string();
    std::string out;
    auto add = [&out](const json& a) {
      if (!a.is_object() || !a.contains("id") || !a["id"].is_string()) return;
      if (!out.empty()) out.push_back(' ');
      out += a["id"].get<std::string>();
    };
    if (list->is_array()) {
      for (const auto& a : *list) add(a);
    } else {
      add(*list);
    }
    return out;
  };
}

// Absent objectType means Activity for an object and Agent for an actor (xAPI 2.4.4 / 2.4.2).
Extract object_type(const char* part, const char* default_type) {
  return [part, default_type](const json& s) {
    const json* node = at(s, {part});
    if (node == nullptr) return std::string();
    std::string t = scalar(at(*node, {"objectType"}));
    return t.empty() ? std::string(default_type) : t;
  };
}

const std::vector<std::pair<std::string, Extract>>& columns() {
  static const std::vector<std::pair<std::string, Extract>> all = {
      {"id", path({"id"})},
      {"timestamp", path({"timestamp"})},
      {"stored", path({"stored"})},
      {"version", path({"version"})},
      {"actor_object_type", object_type("actor", "Agent")},
      {"actor_name", path({"actor", "name"})},
      {"actor_mbox", path({"actor", "mbox"})},
      {"actor_mbox_sha1sum", path({"actor", "mbox_sha1sum"})},
      {"actor_openid", path({"actor", "openid"})},
      {"actor_account_home_page", path({"actor", "account", "homePage"})},
      {"actor_account_name", path({"actor", "account", "name"})},
      {"verb_id", path({"verb", "id"})},
      {"verb_display", language({"verb", "display"})},
      {"object_object_type", object_type("object", "Activity")},
      {"object_id", path({"object", "id"})},
      {"object_definition_type", path({"object", "definition", "type"})},
      {"object_definition_name", language({"object", "definition", "name"})},
      {"result_score_scaled", path({"result", "score", "scaled"})},
      {"result_score_raw", path({"result", "score", "raw"})},
      {"result_score_min", path({"result", "score", "min"})},
      {"result_score_max", path({"result", "score", "max"})},
      {"result_success", path({"result", "success"})},
      {"result_completion", path({"result", "completion"})},
      {"result_response", path({"result", "response"})},
      {"result_duration", path({"result", "duration"})},
      {"context_registration", path({"context", "registration"})},
      {"context_platform", path({"context", "platform"})},
      {"context_language", path({"context", "language"})},
      {"context_parent_ids", activity_ids("parent")},
      {"context_grouping_ids", activity_ids("grouping")},
      {"context_category_ids", activity_ids("category")},
      {"authority_name", path({"authority", "name"})},
      {"authority_account_home_page", path({"authority", "account", "homePage"})},
      {"authority_account_name", path({"authority", "account", "name"})},
      {"authority_mbox", path({"authority", "mbox"})},
  };
  return all;
}

}  // namespace

const std::vector<std::string>& column_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& c : columns()) out.push_back(c.first);
    return out;
  }();
  return names;
}

std::vector<std::string> flatten_statement(const nlohmann::json& statement) {
  std::vector<std::string> row;
  row.reserve(columns().size());
  for (const auto& c : columns()) row.push_back(c.second(statement));
  return row;
}

std::string pick_language(const nlohmann::json& map) {
  if (!map.is_object() || map.empty()) return {};
  for (const char* tag : {"en-US", "en"}) {
    auto it = map.find(tag);
    if (it != map.end() && it->is_string()) return it->get<std::string>();
  }
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it.key().rfind("en-", 0) == 0 && it->is_string()) return it->get<std::string>();
  return map.begin()->is_string() ? map.begin()->get<std::string>() : std::string();
}

}  // namespace trellis::csv
