#include "course_output.hpp"

#include <algorithm>

namespace trellis::scorm {

using nlohmann::json;

void CourseDocument::header(json header) { header_ = std::move(header); }

void CourseDocument::node(json node, int64_t parent_position) {
  int64_t position = node.value("position", int64_t{-1});
  nodes_.push_back({std::move(node), position, parent_position});
}

void CourseDocument::resource(json resource) { resources_.push_back(std::move(resource)); }

std::optional<json> CourseDocument::take() {
  if (!header_) return std::nullopt;
  json course = std::move(*header_);
  header_.reset();
  std::sort(nodes_.begin(), nodes_.end(), [](const Node& a, const Node& b) { return a.position < b.position; });
  // Positions are 0..n-1 in pre-order; children lists by position.
  std::vector<std::vector<size_t>> children(nodes_.size());
  std::vector<size_t> top;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    int64_t parent = nodes_[i].parent;
    if (parent >= 0 && static_cast<size_t>(parent) < nodes_.size() && nodes_[parent].position == parent)
      children[static_cast<size_t>(parent)].push_back(i);
    else
      top.push_back(i);
  }
  // Deepest first (children have higher positions), so nothing recurses however deep the tree.
  for (size_t i = nodes_.size(); i-- > 0;) {
    json& node = nodes_[i].json;
    node.erase("parent");
    node.erase("position");
    json kids = json::array();
    for (size_t c : children[i]) kids.push_back(std::move(nodes_[c].json));
    node["children"] = std::move(kids);
  }
  json list = json::array();
  for (size_t i : top) list.push_back(std::move(nodes_[i].json));
  course["nodes"] = std::move(list);
  course["resources"] = std::move(resources_);
  nodes_.clear();
  resources_ = json::array();
  return course;
}

}  // namespace trellis::scorm
