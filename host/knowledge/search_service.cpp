#include "knowledge/search_service.hpp"

#include "knowledge/index_store.hpp"
#include "plugins/item_validator.hpp"

namespace trellis::knowledge {
namespace {

constexpr size_t kMaxQueryBytes = 1000;
constexpr size_t kMaxWords = 32;

// Letters and digits of any script are word characters (bytes >= 0x80 belong to
// multi-byte characters, which the FTS5 tokenizer splits further if it must).
bool word_byte(unsigned char c) { return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

Result<std::string> fts_query_for(std::string_view text) {
  if (!plugins::valid_utf8(text)) return make_error(ErrorKind::invalid_input, "search: the query is not valid UTF-8");
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

  auto counts = db.prepare(
      "SELECT e.kind, count(*) FROM knowledge_fts JOIN knowledge_entries e ON e.id = knowledge_fts.rowid"
      " WHERE knowledge_fts MATCH ?1 GROUP BY e.kind");
  if (!counts) return counts.error();
  counts->bind(1, match.value());
  for (const char* k : {"module", "thread", "post", "document", "expert", "event"}) out.counts[k] = 0;
  for (;;) {
    auto row = counts->step();
    if (!row) return row.error();
    if (!*row) break;
    out.counts[counts->text(0)] = counts->integer(1);
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
