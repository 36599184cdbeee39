#include "catalog/course_model.hpp"

#include <set>

#include "core/sha256.hpp"
#include "json/bounded_parse.hpp"

namespace trellis::catalog {
namespace {

using nlohmann::json;

Error malformed(const std::string& where, const std::string& rule) {
  return make_error(ErrorKind::invalid_input, "the importer's course model is malformed at " + where + ": " + rule);
}

Status require_string(const json& obj, const char* key, const std::string& where, bool non_empty) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return malformed(where + "." + key, "must be a string");
  if (non_empty && it->get_ref<const std::string&>().empty()) return malformed(where + "." + key, "must not be empty");
  return {};
}

Status optional_bool(const json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it != obj.end() && !it->is_boolean()) return malformed(where + "." + key, "must be true or false");
  return {};
}

struct Walker {
  CourseModel& model;
  std::set<std::string> seen;

  Status walk(const json& nodes, const std::string& where, const std::string& parent, int depth) {
    if (!nodes.is_array()) return malformed(where, "must be an array");
    if (depth > kMaxTreeDepth) return malformed(where, "the tree is deeper than " + std::to_string(kMaxTreeDepth));
    for (size_t i = 0; i < nodes.size(); ++i) {
      const json& node = nodes[i];
      std::string at = where + "[" + std::to_string(i) + "]";
      auto facts = check_node(node, at);
      if (!facts) return facts.error();
      if (!seen.insert(facts->identifier).second)
        return malformed(at + ".identifier", "'" + facts->identifier + "' appears twice in the tree");
      if (facts->top_level && depth != 0)
        return malformed(at + ".top_level", "the node must be at the top of the tree");
      ++model.counts.nodes;
      if (facts->container) ++model.counts.containers;
      if (facts->module) {
        json own = node;
        own.erase("children");
        ModuleNode m{facts->identifier, facts->kind, facts->title, parent, static_cast<int>(model.modules.size()),
                     facts->launchable, sha256_hex(parent + '\n' + own.dump())};
        model.modules.push_back(std::move(m));
        ++model.counts.items;
        if (facts->launchable) ++model.counts.launchable;
      }
      if (auto children = node.find("children"); children != node.end())
        TRELLIS_TRY(walk(*children, at + ".children", facts->identifier, depth + 1));
    }
    return {};
  }
};

}  // namespace

Error model_malformed(const std::string& where, const std::string& rule) { return malformed(where, rule); }

Result<NodeFacts> check_node(const json& node, const std::string& at) {
  if (!node.is_object()) return malformed(at, "must be an object");
  TRELLIS_TRY(require_string(node, "identifier", at, true));
  TRELLIS_TRY(require_string(node, "kind", at, true));
  TRELLIS_TRY(require_string(node, "title", at, false));
  for (const char* flag : {"launchable", "container", "module", "top_level"}) TRELLIS_TRY(optional_bool(node, flag, at));
  NodeFacts facts{node["identifier"].get<std::string>(), node["kind"].get<std::string>(),
                  node["title"].get<std::string>(), node.value("launchable", false), node.value("container", false),
                  node.value("module", true), node.value("top_level", false)};
  if (!is_model_name(facts.kind)) return malformed(at + ".kind", "'" + facts.kind + "' " + kModelNameRule);
  if (auto ext = node.find("extensions"); ext != node.end() && !ext->is_object())
    return malformed(at + ".extensions", "must be an object");
  if (facts.launchable) {
    auto launch = node.find("launch");
    if (launch == node.end() || !launch->is_object())
      return malformed(at + ".launch", "a launchable node needs a launch object");
    TRELLIS_TRY(require_string(*launch, "href", at + ".launch", true));
  }
  return facts;
}

Result<HeaderFacts> check_course_header(const json& doc) {
  if (!doc.is_object()) return malformed("$", "must be a JSON object");
  if (doc.value("schema", std::string()) != "trellis.course/1")
    return malformed("$.schema", "must be \"trellis.course/1\"");
  TRELLIS_TRY(require_string(doc, "format", "$", true));
  TRELLIS_TRY(require_string(doc, "identifier", "$", true));
  TRELLIS_TRY(require_string(doc, "title", "$", false));
  if (auto ext = doc.find("extensions"); ext != doc.end() && !ext->is_object())
    return malformed("$.extensions", "must be an object");
  auto facts = check_course_facts(doc);
  if (!facts) return facts.error();
  return HeaderFacts{doc["format"].get<std::string>(), doc["identifier"].get<std::string>(),
                     doc["title"].get<std::string>(), std::move(facts).value()};
}

Result<CourseModel> parse_course_model(std::string_view text) {
  CourseModel model;
  // A whole course nests its tree (two JSON levels a tree level, up to
  // kMaxTreeDepth of them), hence the stored-document limit.
  auto parsed = parse_json(text, kStoredJson);
  if (!parsed) return malformed("$", parsed.error().message);
  model.document = std::move(parsed).value();
  const json& doc = model.document;
  auto header = check_course_header(doc);
  if (!header) return header.error();
  model.format = header->format;
  model.identifier = header->identifier;
  model.title = header->title;
  auto nodes = doc.find("nodes");
  if (nodes == doc.end()) return malformed("$.nodes", "is missing");
  Walker walker{model, {}};
  TRELLIS_TRY(walker.walk(*nodes, "$.nodes", "", 0));
  if (auto res = doc.find("resources"); res != doc.end()) {
    if (!res->is_array()) return malformed("$.resources", "must be an array");
    for (size_t i = 0; i < res->size(); ++i) {
      if (!(*res)[i].is_object()) return malformed("$.resources[" + std::to_string(i) + "]", "must be an object");
      TRELLIS_TRY(require_string((*res)[i], "identifier", "$.resources[" + std::to_string(i) + "]", true));
    }
    model.counts.resources = static_cast<int>(res->size());
  }
  return model;
}

}  // namespace trellis::catalog
