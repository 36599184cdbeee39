// An importer's course model, staged in a private SQLite file while the import
// runs. Parts arrive one at a time (the streamed form) or as one document, are
// checked as they come, and leave for the catalog row by row: a course of any
// size never sits in the host's memory whole.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/course_model.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::catalog {

struct ModelSummary {
  std::string format;
  std::string identifier;
  std::string title;
  Counts counts;
  nlohmann::json facts;               // the importer's course facts, tallies counted
  std::vector<SummaryPart> summary;   // the importer's one-line summary, in order
  // SHA-256 over the course part, every node (with its parent) in tree order and
  // every resource: the model's share of a version's content identity.
  std::string digest;
};

struct StagedNode {
  int64_t position = 0;  // depth-first pre-order
  std::string identifier;
  std::string parent;  // "" at the top
  std::string kind;
  std::string title;
  bool launchable = false;
  bool module = true;
  std::string facts;        // JSON object: the importer's module facts of this node
  std::string fingerprint;  // SHA-256 of the parent and the node without children
  std::string body;         // the node's JSON without children, parent and position
};

class ModelStaging {
 public:
  // `file` must not exist; it is removed again when the staging goes away.
  static Result<std::unique_ptr<ModelStaging>> create(const std::filesystem::path& file);
  ~ModelStaging();
  ModelStaging(const ModelStaging&) = delete;
  ModelStaging& operator=(const ModelStaging&) = delete;

  // The streamed form (importer.h). invalid_input names the broken rule.
  Status begin_course(std::string_view json);
  Status add_node(std::string_view json);
  Status add_resource(std::string_view json);
  // The one-document form, checked whole and then staged as parts.
  Status set_course(std::string_view json);

  // Whether the importer handed over any course at all.
  bool started() const { return header_.has_value(); }
  // Checks the tree as a whole (parents exist and come first, top-level nodes on
  // top, depth) and summarises it. Call once, after the importer returned.
  Result<ModelSummary> finish();

  // The course-level document: the model without "nodes" and "resources".
  const std::string& header() const { return *header_; }
  Status for_each_node(const std::function<Status(const StagedNode&)>& visit);
  Status for_each_resource(const std::function<Status(std::string_view body)>& visit);

 private:
  ModelStaging(std::filesystem::path file, store::Database db);
  Status stage_header(nlohmann::json header);
  Status stage_node(nlohmann::json node, const std::string& parent, int64_t position, const std::string& where);
  Status stage_resource(const nlohmann::json& resource, const std::string& where);

  std::filesystem::path file_;
  store::Database db_;
  std::optional<std::string> header_;
  HeaderFacts facts_;  // of the course part, checked when it arrived
  int64_t resources_ = 0;
  bool streamed_ = false;
  bool whole_ = false;
};

}  // namespace trellis::catalog
