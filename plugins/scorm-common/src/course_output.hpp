// Where a parsed course goes, in the SDK's streamed form (a header, then nodes and
// resources one at a time), and the one-document form assembled from that for
// those who want it whole: hosts without streaming, tests, the fuzzer.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace trellis::scorm {

class CourseOutput {
 public:
  virtual ~CourseOutput() = default;
  // The course document without "nodes" and "resources"; first, once.
  virtual void header(nlohmann::json header) = 0;
  // A node without "children", with "parent" (the parent's identifier, "" at the
  // top) and "position" (its depth-first pre-order index). Children may come
  // before their parent. `parent_position` is the parent's position, -1 at the
  // top: identifiers need not be unique in a broken manifest, positions are.
  virtual void node(nlohmann::json node, int64_t parent_position) = 0;
  // A resource, in manifest order.
  virtual void resource(nlohmann::json resource) = 0;
};

// Assembles the parts into one "trellis.course/1" document, every node with its
// "children" (as set_course takes it).
class CourseDocument final : public CourseOutput {
 public:
  void header(nlohmann::json header) override;
  void node(nlohmann::json node, int64_t parent_position) override;
  void resource(nlohmann::json resource) override;
  // The document, or nullopt when no course was produced (no header came).
  std::optional<nlohmann::json> take();

 private:
  struct Node {
    nlohmann::json json;
    int64_t position;
    int64_t parent;
  };
  std::optional<nlohmann::json> header_;
  std::vector<Node> nodes_;
  nlohmann::json resources_ = nlohmann::json::array();
};

}  // namespace trellis::scorm
