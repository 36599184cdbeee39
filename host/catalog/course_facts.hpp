// What an importer tells designers about its course in its own words: the host
// stores and shows these without knowing what any of them means (docs/sdk.md,
// "Facts"). The course part of the model may carry
//   "facts":        name -> scalar, shown as given (a SCORM edition);
//   "tallies":      name -> {"kind": K} or {"flag": MEMBER}, a fact the host
//                   counts over the nodes as they arrive (a streamed importer
//                   knows its counts only at the end, after its header went);
//   "module_facts": name -> default scalar, a node member shown on each module;
//   "summary":      the one-line human summary, names of counts or facts in order.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace trellis::catalog {

// Node kinds and fact names alike: 1 to 64 letters, digits, '.', '_', ':' or
// '-', starting with a letter or a digit. Open to any format, yet safe to show.
bool is_model_name(std::string_view name);
extern const char* const kModelNameRule;

struct Tally {
  std::string name;
  std::string kind;  // counts nodes of this kind, or
  std::string flag;  // nodes whose member of this name is true
  int64_t count = 0;
};

struct SummaryPart {
  std::string name;
  std::string label;
};

struct CourseFacts {
  nlohmann::json given = nlohmann::json::object();
  std::vector<Tally> tallies;
  nlohmann::json module_facts = nlohmann::json::object();  // name -> default
  std::vector<SummaryPart> summary;
};

// Checks the four members of the course part (all optional).
Result<CourseFacts> check_course_facts(const nlohmann::json& header);

// Counts one arriving node in every tally it matches.
void tally_node(CourseFacts& facts, const nlohmann::json& node, std::string_view kind);

// A module's facts: each declared member of the node, or its default. invalid_input
// when the node gives one that is not a scalar; `where` names the node.
Result<nlohmann::json> module_facts_of(const CourseFacts& facts, const nlohmann::json& node,
                                       const std::string& where);

// The course facts once every node arrived: the given ones plus the tallies.
nlohmann::json course_facts_json(const CourseFacts& facts);

// Copies facts beside the host's own members; a host member is never replaced.
void put_facts(nlohmann::json& out, const nlohmann::json& facts);

}  // namespace trellis::catalog
