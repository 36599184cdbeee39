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
#include "knowledge/read_access.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

struct SearchRequest {
  std::string text;                // what the person typed
  std::vector<std::string> kinds;  // empty: every kind
  int limit = 20;                  // 1..100
  bool exclude_modules = false;    // suggestions for a module want knowledge, not other modules
  // Who asks: only the kinds (and fields) it may read are searched, counted and shown.
  ReadAccess access = ReadAccess::anonymous();
};

struct SearchHit {
  std::string kind, title, url, snippet, source, ref;
  std::optional<std::string> module_id;  // the module it is about or belongs to
  std::optional<std::string> course_id;  // that module's course
  std::optional<std::string> thread_id;  // a native thread, or the thread of a native reply
  // 0..1, higher is better: the BM25 rank relative to the best match of the
  // words among everything the reader may read, whatever the kind filter, so
  // scores compare across kinds and between a filtered and an unfiltered search.
  double score = 0;
};

struct SearchResults {
  std::vector<SearchHit> results;
  // Matches per kind over everything the text matches, whatever the kind filter
  // and limit: what each tab of a result page would hold. Only kinds the reader
  // may read are counted (the others are absent, not 0).
  std::map<std::string, int64_t> counts;
};

// The FTS5 query for what a person typed: every word quoted (so no FTS5 syntax
// reaches the engine), any word may match, more matches rank higher; common
// English function words ("the", "how", "to") are dropped unless nothing else
// is left. Refuses
// text that is not UTF-8, too long, or without a single word.
Result<std::string> fts_query_for(std::string_view text);

// Checks the request (kinds known and readable by request.access, limit in
// range, text usable) and runs it. A native thread is one result: its opening
// post is the thread's own text, not a post of its own.
Result<SearchResults> search(store::Database& db, const SearchRequest& request);

// {"results": [{"kind","title","url","snippet","source","ref","item","course_id",
// "module_id","thread_id","score"}], "counts": {...}}; ids it is not about are null.
nlohmann::json to_json(const SearchResults& results);

}  // namespace trellis::knowledge
