// The host's reading of an importer's "trellis.course/1" document (docs/sdk.md).
// A plugin is not trusted to produce well-formed output: the document is checked
// field by field, and the counts the host reports come from the tree itself.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace trellis::catalog {

// A node of the tree that is a module (every kind except "organization").
struct ModuleNode {
  std::string identifier;
  std::string kind;
  std::string title;
  std::string parent;  // identifier of the parent node, "" at the top
  int position = 0;    // depth-first order in the tree
  bool launchable = false;
  bool sco = false;
  std::string fingerprint;  // SHA-256 of the node without its children, plus its parent
};

struct Counts {
  int organizations = 0;
  int items = 0;
  int launchable = 0;
  int scos = 0;
  int resources = 0;
};

struct CourseModel {
  nlohmann::json document;
  std::string format;
  std::optional<std::string> edition;
  std::string identifier;
  std::string title;
  std::vector<ModuleNode> modules;
  Counts counts;
};

// Refuses (invalid_input) with the JSON path of the first broken rule.
Result<CourseModel> parse_course_model(std::string_view json);

// "the importer's course model is malformed at WHERE: RULE", as invalid_input.
Error model_malformed(const std::string& where, const std::string& rule);

// The rules one node must keep, wherever it comes from (a whole document or a
// streamed part); `where` names it in the refusal.
struct NodeFacts {
  std::string identifier;
  std::string kind;
  std::string title;
  bool launchable = false;
  bool sco = false;
};
Result<NodeFacts> check_node(const nlohmann::json& node, const std::string& where);

// The rules of the course-level part: schema, format, identifier, title, edition.
struct HeaderFacts {
  std::string format;
  std::optional<std::string> edition;
  std::string identifier;
  std::string title;
};
Result<HeaderFacts> check_course_header(const nlohmann::json& doc);

}  // namespace trellis::catalog
