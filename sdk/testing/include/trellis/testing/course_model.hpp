// The course model ("trellis.course/1") as a test reads it: streamed parts put
// back into one document, and counts over the node tree.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trellis::testing {

// The one-document form of a streamed course: nodes nested under their parents
// in position order, without their "parent" and "position" members.
nlohmann::json reassemble_course(nlohmann::json header, std::vector<nlohmann::json> nodes, nlohmann::json resources);

// Nodes by kind, and launchable nodes, over the whole tree.
std::map<std::string, int> count_kinds(const nlohmann::json& course);
int count_launchable(const nlohmann::json& course);

}  // namespace trellis::testing
