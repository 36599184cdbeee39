// Ranking a connector's items against a search query without a full-text index:
// each item keeps a small TermProfile (title words, tag words, its most frequent
// body words), small enough to keep in the plugin's key-value storage.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trellis/cpp/connector.hpp"

namespace trellis::connector_kit {

struct TermProfile {
  std::vector<std::string> title;                        // distinct words
  std::vector<std::string> tags;                         // distinct words
  std::vector<std::pair<std::string, uint32_t>> body;    // most frequent words, most frequent first

  static TermProfile of(std::string_view title, std::string_view tags, std::string_view body,
                        size_t max_body_words = 64);
  nlohmann::json to_json() const;
  // A profile read back from storage; anything malformed gives an empty profile.
  static TermProfile from_json(const nlohmann::json& j);
};

// The distinct words of everything the query says (text, title, description,
// keywords, objectives), at most 64.
std::vector<std::string> query_words(const SearchQuery& query);

struct Ranked {
  size_t index = 0;   // into the profiles given
  double score = 0;   // 0..1
};

// Profiles sharing at least one word with the query, best first, at most `limit`.
// Title words weigh most, then tags, then body frequency; rarer words weigh more.
std::vector<Ranked> rank(const std::vector<const TermProfile*>& profiles, const std::vector<std::string>& query,
                         size_t limit);

struct RankedEntry {
  std::string ref;
  const nlohmann::json* entry = nullptr;  // points into the object given
  double score = 0;
};

// The stored entries (a JSON object: ref -> {"p": TermProfile as JSON, ...})
// that answer `query`, best first, at most query.max_results.
std::vector<RankedEntry> rank_entries(const nlohmann::json& entries, const SearchQuery& query, const Cancel& cancel);

}  // namespace trellis::connector_kit
