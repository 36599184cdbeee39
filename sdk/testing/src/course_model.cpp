#include "trellis/testing/course_model.hpp"

#include <algorithm>
#include <functional>

namespace trellis::testing {

nlohmann::json reassemble_course(nlohmann::json header, std::vector<nlohmann::json> nodes, nlohmann::json resources) {
  std::stable_sort(nodes.begin(), nodes.end(),
                   [](const auto& a, const auto& b) { return a.value("position", 0) < b.value("position", 0); });
  std::map<std::string, std::vector<size_t>> children_of;
  for (size_t i = 0; i < nodes.size(); ++i) children_of[nodes[i].value("parent", "")].push_back(i);
  std::function<nlohmann::json(const std::string&, int)> build = [&](const std::string& parent, int depth) {
    nlohmann::json list = nlohmann::json::array();
    auto it = children_of.find(parent);
    if (it == children_of.end() || depth > 200) return list;  // the model's depth limit; also stops cycles
    for (size_t i : it->second) {
      nlohmann::json node = nodes[i];
      node.erase("parent");
      node.erase("position");
      std::string id = node.value("identifier", "");
      if (!id.empty()) node["children"] = build(id, depth + 1);
      list.push_back(std::move(node));
    }
    return list;
  };
  header["nodes"] = build("", 0);
  header["resources"] = std::move(resources);
  return header;
}

namespace {
void count_nodes(const nlohmann::json& nodes, std::map<std::string, int>& kinds, int& launchable) {
  if (!nodes.is_array()) return;
  for (const auto& node : nodes) {
    if (!node.is_object()) continue;
    kinds[node.value("kind", "")]++;
    if (node.value("launchable", false)) ++launchable;
    if (auto children = node.find("children"); children != node.end()) count_nodes(*children, kinds, launchable);
  }
}
}  // namespace

std::map<std::string, int> count_kinds(const nlohmann::json& course) {
  std::map<std::string, int> kinds;
  int launchable = 0;
  if (course.is_object() && course.contains("nodes")) count_nodes(course["nodes"], kinds, launchable);
  return kinds;
}

int count_launchable(const nlohmann::json& course) {
  std::map<std::string, int> kinds;
  int launchable = 0;
  if (course.is_object() && course.contains("nodes")) count_nodes(course["nodes"], kinds, launchable);
  return launchable;
}

}  // namespace trellis::testing
