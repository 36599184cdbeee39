// Suggest and attach: what the local index and every enabled connector know
// about a module, merged and ranked, and attaching one of them to the module.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "knowledge/connector_driver.hpp"
#include "knowledge/link_store.hpp"
#include "knowledge/module_index.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

struct Suggestion {
  ItemId item;
  std::string title, url, snippet;
  double score = 0;  // 0..1, higher is better
  std::vector<std::string> found_by;  // "index" and/or connector plugin ids
  std::optional<std::string> thread_id;  // a native reply's thread
};

struct ConnectorSummary {
  std::string plugin_id, status, error;
  size_t items = 0, refused = 0;
};

struct SuggestResult {
  std::string module_id;
  std::vector<Suggestion> suggestions;  // best first
  std::vector<ConnectorSummary> connectors;
};

// Scores: a connector's own 0..1 estimate; a local match's BM25 relative to the
// best local match, times the share of the module title's words (their first five
// letters after a plural's "s", a crude stem) it contains (so
// the best of weak matches does not reach 1 by default). What is already
// attached to the module and what scores 0 are left out; a thread scores at
// least as much as its best suggested reply and comes before it.
Result<SuggestResult> suggest_for_module(store::Database& db, const ModuleText& module,
                                         const std::vector<ConnectorRef>& connectors, const ConnectorDriver& driver,
                                         int limit = 20);
nlohmann::json to_json(const SuggestResult& result);
nlohmann::json to_json(const ModuleLink& link);

// Attaches `item` to the module: an entry of the index, or an item its connector
// can fetch. Refuses an unknown module or an item nobody knows.
Result<ModuleLink> attach_item(store::Database& db, const std::string& module_id, const ItemId& item,
                               const std::string& actor, const std::vector<ConnectorRef>& connectors,
                               const ConnectorDriver& driver);

// After an import has committed: asks the index and every enabled connector
// about each module (the first kProposeAfterImport modules, so a course of
// thousands of items is not held up by connector calls), proposes the best
// matches not yet attached, and attaches those scoring at least
// knowledge.auto_attach_score (unset: proposes only). Never fails the import:
// problems are logged and counted.
inline constexpr int kProposeAfterImport = 50;
inline constexpr size_t kProposalsPerModule = 3;
struct Proposal {
  std::string module_id, module_title;
  ItemId item;
  std::string title, url;
  double score = 0;
};
struct AutoAttachReport {
  bool enabled = false;  // the attach threshold is set
  int modules = 0, attached = 0, problems = 0;
  std::vector<Proposal> proposed;
};
AutoAttachReport auto_attach_course(store::Database& db, const std::string& course_id,
                                    const std::vector<ConnectorRef>& connectors);

}  // namespace trellis::knowledge
