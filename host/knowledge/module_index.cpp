#include "knowledge/module_index.hpp"

#include <nlohmann/json.hpp>

#include <map>

#include "catalog/course_reader.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {
namespace {

using nlohmann::json;

std::string text_of(const json& node, const char* one, const char* many) {
  if (node.contains(one) && node[one].is_string() && !node[one].get<std::string>().empty())
    return node[one].get<std::string>();
  if (node.contains(many) && node[many].is_object())
    for (const auto& [lang, value] : node[many].items())
      if (value.is_string() && !value.get<std::string>().empty()) return value.get<std::string>();
  return {};
}

std::string keywords_of(const json& node) {
  if (!node.contains("keywords")) return {};
  const json& k = node["keywords"];
  if (k.is_string()) return k.get<std::string>();
  std::string out;
  if (k.is_array())
    for (const auto& word : k)
      if (word.is_string()) out += (out.empty() ? "" : ",") + word.get<std::string>();
  return out;
}

// Node objectives are ids of the course's objectives (metadata.objectives);
// what is matched is their titles and descriptions.
std::string objectives_of(const json& node, const json& model) {
  if (!node.contains("objectives") || !node["objectives"].is_array()) return {};
  std::map<std::string, const json*> course_objectives;
  if (model.contains("metadata") && model["metadata"].is_object() && model["metadata"].contains("objectives") &&
      model["metadata"]["objectives"].is_array())
    for (const auto& o : model["metadata"]["objectives"])
      if (o.is_object() && o.contains("identifier") && o["identifier"].is_string())
        course_objectives[o["identifier"].get<std::string>()] = &o;
  std::string out;
  for (const auto& ref : node["objectives"]) {
    const json* objective = ref.is_object() ? &ref : nullptr;
    if (ref.is_string()) {
      auto it = course_objectives.find(ref.get<std::string>());
      if (it != course_objectives.end()) objective = it->second;
    }
    if (objective == nullptr) continue;
    std::string line = text_of(*objective, "title", "titles");
    std::string description = text_of(*objective, "description", "descriptions");
    if (!description.empty()) line += (line.empty() ? "" : ": ") + description;
    if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

}  // namespace

ModuleText module_text(const catalog::ModuleView& m, const std::string& course_id) {
  ModuleText t;
  t.module_id = m.module_id;
  t.course_id = course_id;
  t.identifier = m.identifier;
  t.course_title = m.course->value("title", std::string());
  t.title = m.title;
  t.description = text_of(*m.node, "description", "descriptions");
  t.keywords = keywords_of(*m.node);
  t.objectives = objectives_of(*m.node, *m.course);
  // A module without a title is still findable by its place in the course.
  if (t.title.empty()) t.title = t.identifier;
  return t;
}

Status visit_module_texts(store::Database& db, const std::string& course_id,
                          const std::function<Status(ModuleText&&)>& visit) {
  return catalog::visit_latest_modules(
      db, course_id, [&](const catalog::ModuleView& m) -> Status { return visit(module_text(m, course_id)); });
}

IndexEntry module_entry(const ModuleText& m) {
  std::string body = m.description;
  if (!m.objectives.empty()) body += (body.empty() ? "" : "\n\n") + m.objectives;
  if (!m.course_title.empty()) body += (body.empty() ? "" : "\n\n") + ("Course: " + m.course_title);
  return IndexEntry{"module", "catalog", m.module_id, m.title, body, "/api/v1/courses/" + m.course_id,
                    m.keywords, "", "", m.module_id, std::nullopt};
}

Status index_course_modules(store::Database& db, const std::string& course_id) {
  TRELLIS_TRY(remove_course_modules(db, course_id));
  return visit_module_texts(db, course_id, [&](ModuleText&& m) { return put_entry(db, module_entry(m)); });
}

Result<int> backfill_module_index(store::Database& db) {
  auto missing = courses_missing_from_index(db);
  if (!missing) return missing.error();
  if (missing->empty()) return 0;
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  for (const auto& course_id : missing.value()) TRELLIS_TRY(index_course_modules(db, course_id));
  TRELLIS_TRY(tx->commit());
  return static_cast<int>(missing->size());
}

Result<std::optional<ModuleText>> find_module(store::Database& db, const std::string& module_id) {
  auto course = catalog::course_of_module(db, module_id);
  if (!course) return course.error();
  if (!course->has_value()) return std::optional<ModuleText>{};
  std::optional<ModuleText> found;
  TRELLIS_TRY(visit_module_texts(db, **course, [&](ModuleText&& m) -> Status {
    if (!found && m.module_id == module_id) found = std::move(m);
    return {};
  }));
  if (found) return found;
  return std::optional<ModuleText>{};  // a module of an older version only
}

}  // namespace trellis::knowledge
