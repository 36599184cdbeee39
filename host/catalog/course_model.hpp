// The host's reading of an importer's "trellis.course/1" document (docs/sdk.md).
// A plugin is not trusted to produce well-formed output: the document is checked
// field by field, and the counts the host reports come from the tree itself.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "catalog/course_facts.hpp"
#include "core/result.hpp"

namespace trellis::catalog {

// How deep a course tree may nest; deeper is refused as malformed (both the
// in-memory reading and the staged one check it).
inline constexpr int kMaxTreeDepth = 200;

// A node of the tree that is a module (every node that does not say "module": false).
struct ModuleNode {
  std::string identifier;
  std::string kind;
  std::string title;
  std::string parent;  // identifier of the parent node, "" at the top
  int position = 0;    // depth-first order in the tree
  bool launchable = false;
  std::string fingerprint;  // SHA-256 of the node without its children, plus its parent
};

// What the host counts itself, from the nodes' generic flags alone.
struct Counts {
  int nodes = 0;
  int items = 0;  // modules
  int launchable = 0;
  int containers = 0;
  int resources = 0;
};

struct CourseModel {
  nlohmann::json document;
  std::string format;
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
// streamed part); `where` names it in the refusal. `kind` is the format's own
// word; the host reads only the flags.
struct NodeFacts {
  std::string identifier;
  std::string kind;
  std::string title;
  bool launchable = false;
  bool container = false;  // groups other nodes (counted, never required)
  bool module = true;      // false: structure only, no module id (a SCORM organization)
  bool top_level = false;  // must sit at the top of the tree
};
Result<NodeFacts> check_node(const nlohmann::json& node, const std::string& where);

// The rules of the course-level part: schema, format, identifier, title, and
// the importer's facts (course_facts.hpp).
struct HeaderFacts {
  std::string format;
  std::string identifier;
  std::string title;
  CourseFacts facts;
};
Result<HeaderFacts> check_course_header(const nlohmann::json& doc);

}  // namespace trellis::catalog
