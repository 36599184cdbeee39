#include "knowledge/search_service.hpp"

#include <nlohmann/json.hpp>
#include "core/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "knowledge/index_store.hpp"
#include "knowledge/result_links.hpp"
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

namespace {

// The kinds the query selects, as SQL placeholders from ?first on; empty: every kind.
struct KindFilter {
  std::vector<std::string> kinds;
  bool every_readable = false;  // the kinds are all the reader may read: the best hit is the best match
  bool every_kind = false;      // ... and those are all there are: no SQL filter at all
  std::string sql(int first) const {
    if (every_kind) return {};
    std::string list;
    for (size_t i = 0; i < kinds.size(); ++i) list += (i ? ", ?" : "?") + std::to_string(first + static_cast<int>(i));
    return " AND e.kind IN (" + list + ")";
  }
  void bind(store::Statement& st, int first) const {
    if (every_kind) return;
    for (size_t i = 0; i < kinds.size(); ++i) st.bind(first + static_cast<int>(i), kinds[i]);
  }
};

Result<KindFilter> kinds_to_search(const SearchRequest& request) {
  KindFilter f;
  for (const auto& k : request.kinds) {
    if (!is_known_kind(k))
      return make_error(ErrorKind::invalid_input,
                        "search: unknown kind '" + k + "' (module, thread, post, document, expert or event)");
    if (!request.access.may_read(k))
      return make_error(ErrorKind::invalid_input, "search: " + k + "s name people; reading them needs a key with scope '" +
                                                      std::string(kPeopleScope) + "'");
    if (!(request.exclude_modules && k == "module")) f.kinds.push_back(k);
  }
  if (!request.kinds.empty()) return f;
  for (auto k : request.access.readable_kinds())
    if (!(request.exclude_modules && k == "module")) f.kinds.emplace_back(k);
  f.every_readable = !request.exclude_modules;
  f.every_kind = f.every_readable && request.access.reads_people();
  return f;
}

// What the rowid's low bits say about readable kinds, for the queries that read the index only.
std::string readable_codes(const ReadAccess& access) {
  if (access.reads_people()) return {};  // every kind
  std::string codes;
  for (auto k : access.readable_kinds()) codes += (codes.empty() ? "" : ", ") + std::to_string(kind_code(k));
  return " AND (knowledge_fts.rowid & 7) IN (" + codes + ")";
}

// The best (lowest) BM25 rank among every readable match: what scores are relative to.
Result<double> best_rank(store::Database& db, const std::string& match, const ReadAccess& access) {
  auto st = db.prepare("SELECT rank FROM knowledge_fts WHERE knowledge_fts MATCH ?1" + readable_codes(access) +
                       " ORDER BY rank LIMIT 1");
  if (!st) return st.error();
  st->bind(1, match);
  auto row = st->step();
  if (!row) return row.error();
  return *row ? st->real(0) : 0.0;
}

Status count_matches(store::Database& db, const std::string& match, const ReadAccess& access, SearchResults& out) {
  // The kind is in the rowid's low bits: counting reads the index only.
  auto counts = db.prepare("SELECT rowid & 7, count(*) FROM knowledge_fts WHERE knowledge_fts MATCH ?1" +
                           readable_codes(access) + " GROUP BY 1");
  if (!counts) return counts.error();
  counts->bind(1, match);
  for (auto k : access.readable_kinds()) out.counts[std::string(k)] = 0;
  for (;;) {
    auto row = counts->step();
    if (!row) return row.error();
    if (!*row) return {};
    auto kind = kind_of_code(counts->integer(0));
    if (!kind.empty()) out.counts[std::string(kind)] = counts->integer(1);
  }
}

// The page, best first, each hit's score still its raw (negative) BM25 rank.
Status ranked_hits(store::Database& db, const std::string& match, const KindFilter& filter, int limit,
                   SearchResults& out) {
  auto st = db.prepare(
      "SELECT e.kind, e.title, e.url, snippet(knowledge_fts, -1, '', '', '…', 16), e.source, e.ref, e.module_id,"
      " e.thread_id, (SELECT m.course_id FROM modules m WHERE m.id = e.module_id), rank"
      " FROM knowledge_fts JOIN knowledge_entries e ON e.id = knowledge_fts.rowid"
      " WHERE knowledge_fts MATCH ?1" + filter.sql(3) + " ORDER BY rank LIMIT ?2");
  if (!st) return st.error();
  st->bind(1, match).bind(2, limit);
  filter.bind(*st, 3);
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return {};
    SearchHit hit;
    hit.kind = st->text(0);
    hit.title = st->text(1);
    hit.source = st->text(4);
    hit.ref = st->text(5);
    hit.url = browser_url(hit.kind, hit.source, hit.ref, st->text(2));
    hit.snippet = st->text(3);
    hit.module_id = st->optional_text(6);
    hit.thread_id = st->optional_text(7);
    hit.course_id = st->optional_text(8);
    hit.score = st->real(9);
    out.results.push_back(std::move(hit));
  }
}

}  // namespace

Result<SearchResults> search(store::Database& db, const SearchRequest& request) {
  auto filter = kinds_to_search(request);
  if (!filter) return filter.error();
  if (request.limit < 1 || request.limit > 100)
    return make_error(ErrorKind::invalid_input, "search: limit must be between 1 and 100, not " + std::to_string(request.limit));
  auto words = fts_query_for(request.text);
  if (!words) return words.error();
  // A reader who may not read people's names does not find entries by them either.
  std::string match = request.access.reads_people() ? *words : "{title body tags} : (" + *words + ")";

  SearchResults out;
  if (!filter->kinds.empty()) TRELLIS_TRY(ranked_hits(db, match, *filter, request.limit, out));
  // Scores are relative to the best readable match, whatever the kind filter:
  // the first hit when nothing was filtered out, else asked for.
  double best = 0;
  if (filter->every_readable) {
    best = out.results.empty() ? 0 : out.results.front().score;
  } else if (!out.results.empty()) {
    auto ranked = best_rank(db, match, request.access);
    if (!ranked) return ranked.error();
    best = *ranked;
  }
  // Both ranks are negative (BM25 as FTS5 gives it); the best match scores 1.
  for (auto& hit : out.results) hit.score = best < 0 ? std::min(1.0, hit.score / best) : 1.0;
  TRELLIS_TRY(count_matches(db, match, request.access, out));
  return out;
}

nlohmann::json to_json(const SearchResults& r) {
  auto or_null = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  nlohmann::json results = nlohmann::json::array();
  for (const auto& h : r.results)
    results.push_back({{"kind", h.kind}, {"title", h.title}, {"url", h.url}, {"snippet", h.snippet},
                       {"source", h.source}, {"ref", h.ref}, {"item", h.kind + ":" + h.source + ":" + h.ref},
                       {"course_id", or_null(h.course_id)}, {"module_id", or_null(h.module_id)},
                       {"thread_id", or_null(h.thread_id)}, {"score", h.score}});
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [k, n] : r.counts) counts[k] = n;
  return {{"results", results}, {"counts", counts}};
}

}  // namespace trellis::knowledge
