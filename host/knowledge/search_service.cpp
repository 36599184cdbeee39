#include "knowledge/search_service.hpp"

#include <nlohmann/json.hpp>
#include "core/utf8.hpp"

#include <cctype>
#include <set>

#include "knowledge/index_store.hpp"
#include "plugins/item_validator.hpp"

namespace trellis::knowledge {
namespace {

constexpr size_t kMaxQueryBytes = 1000;
constexpr size_t kMaxWords = 32;

// Letters and digits of any script are word characters (bytes >= 0x80 belong to
// multi-byte characters, which the FTS5 tokenizer splits further if it must).
bool word_byte(unsigned char c) { return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Function words that occur in nearly every entry: ranking every entry for
// them would cost the most and tell the least. Dropped when the query has
// another word, kept when it has nothing else ("to be or not to be").
bool stop_word(std::string_view w) {
  static const std::set<std::string, std::less<>> words = {
      "a",     "about", "after", "all",   "also",  "an",    "and",   "any",   "are",   "as",    "at",
      "be",    "been",  "but",   "by",    "can",   "could", "do",    "does",  "for",   "from",  "had",
      "has",   "have",  "he",    "her",   "his",   "how",   "i",     "if",    "in",    "into",  "is",
      "it",    "its",   "may",   "me",    "more",  "my",    "no",    "not",   "of",    "on",    "one",
      "or",    "our",   "out",   "she",   "so",    "some",  "than",  "that",  "the",   "their", "them",
      "then",  "there", "these", "they",  "this",  "to",    "up",    "us",    "was",   "we",    "were",
      "what",  "when",  "which", "who",   "why",   "will",  "with",  "would", "you",   "your"};
  if (w.size() > 5) return false;
  std::string lower(w);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return words.count(lower) > 0;
}

}  // namespace

Result<std::string> fts_query_for(std::string_view text) {
  if (!is_valid_utf8(text)) return make_error(ErrorKind::invalid_input, "search: the query is not valid UTF-8");
  if (text.size() > kMaxQueryBytes)
    return make_error(ErrorKind::invalid_input, "search: the query is " + std::to_string(text.size()) +
                                                    " bytes; at most " + std::to_string(kMaxQueryBytes) + " are allowed");
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size() && words.size() < kMaxWords) {
    while (i < text.size() && !word_byte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) {
      std::string w(text.substr(start, i - start));
      bool seen = false;
      for (const auto& o : words) seen = seen || o == w;
      if (!seen) words.push_back(std::move(w));
    }
  }
  if (words.empty())
    return make_error(ErrorKind::invalid_input, "search: the query has no words to search for (only spaces or punctuation)");
  std::vector<std::string> content;
  for (const auto& w : words)
    if (!stop_word(w)) content.push_back(w);
  if (!content.empty()) words = std::move(content);
  // Quoted, a word is a string to FTS5: "AND", "NEAR(" or "title:" mean nothing
  // special. Word bytes never include '"', so no escaping is needed.
  std::string q;
  for (const auto& w : words) q += (q.empty() ? "\"" : " OR \"") + w + "\"";
  return q;
}

Result<SearchResults> search(store::Database& db, const SearchRequest& request) {
  for (const auto& k : request.kinds)
    if (!is_known_kind(k))
      return make_error(ErrorKind::invalid_input,
                        "search: unknown kind '" + k + "' (module, thread, post, document, expert or event)");
  if (request.limit < 1 || request.limit > 100)
    return make_error(ErrorKind::invalid_input, "search: limit must be between 1 and 100, not " + std::to_string(request.limit));
  auto match = fts_query_for(request.text);
  if (!match) return match.error();

  std::string filter;
  for (size_t i = 0; i < request.kinds.size(); ++i) filter += (i ? ", ?" : "?") + std::to_string(i + 3);
  if (!filter.empty()) filter = " AND e.kind IN (" + filter + ")";
  if (request.exclude_modules) filter += " AND e.kind <> 'module'";
  auto st = db.prepare(
      "SELECT e.kind, e.title, e.url, snippet(knowledge_fts, -1, '', '', '…', 16), e.source, e.ref, e.module_id, rank"
      " FROM knowledge_fts JOIN knowledge_entries e ON e.id = knowledge_fts.rowid"
      " WHERE knowledge_fts MATCH ?1" + filter + " ORDER BY rank LIMIT ?2");
  if (!st) return st.error();
  st->bind(1, match.value()).bind(2, request.limit);
  for (size_t i = 0; i < request.kinds.size(); ++i) st->bind(static_cast<int>(i + 3), request.kinds[i]);
  SearchResults out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.results.push_back(SearchHit{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4), st->text(5),
                                    st->optional_text(6), -st->real(7)});
  }

  // The kind is in the rowid's low bits: counting reads the index only.
  auto counts = db.prepare("SELECT rowid & 7, count(*) FROM knowledge_fts WHERE knowledge_fts MATCH ?1 GROUP BY 1");
  if (!counts) return counts.error();
  counts->bind(1, match.value());
  for (const char* k : {"module", "thread", "post", "document", "expert", "event"}) out.counts[k] = 0;
  for (;;) {
    auto row = counts->step();
    if (!row) return row.error();
    if (!*row) break;
    auto kind = kind_of_code(counts->integer(0));
    if (!kind.empty()) out.counts[std::string(kind)] = counts->integer(1);
  }
  return out;
}

nlohmann::json to_json(const SearchResults& r) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& h : r.results)
    results.push_back({{"kind", h.kind}, {"title", h.title}, {"url", h.url}, {"snippet", h.snippet},
                       {"source", h.source}, {"score", h.score}});
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [k, n] : r.counts) counts[k] = n;
  return {{"results", results}, {"counts", counts}};
}

}  // namespace trellis::knowledge
