// Knowledge search: one ranked answer over modules, threads, posts, documents,
// experts and events, whoever indexed them, with how many matches each kind has.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

struct SearchRequest {
  std::string text;                // what the person typed
  std::vector<std::string> kinds;  // empty: every kind
  int limit = 20;                  // 1..100
  bool exclude_modules = false;    // suggestions for a module want knowledge, not other modules
};

struct SearchHit {
  std::string kind, title, url, snippet, source, ref;
  std::optional<std::string> module_id;
  double score = 0;  // higher is better (the negated BM25 rank)
};

struct SearchResults {
  std::vector<SearchHit> results;
  // Matches per kind over everything the text matches, whatever the kind filter
  // and limit: what each tab of a result page would hold.
  std::map<std::string, int64_t> counts;
};

// The FTS5 query for what a person typed: every word quoted (so no FTS5 syntax
// reaches the engine), any word may match, more matches rank higher; common
// English function words ("the", "how", "to") are dropped unless nothing else
// is left. Refuses
// text that is not UTF-8, too long, or without a single word.
Result<std::string> fts_query_for(std::string_view text);

// Checks the request (kinds known, limit in range, text usable) and runs it.
Result<SearchResults> search(store::Database& db, const SearchRequest& request);

// {"results": [{"kind","title","url","snippet","source","score"}], "counts": {...}}
nlohmann::json to_json(const SearchResults& results);

}  // namespace trellis::knowledge
