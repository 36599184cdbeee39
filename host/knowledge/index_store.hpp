// The data-access layer of the knowledge index: the one place that writes
// knowledge_entries. Every domain with searchable things (catalog modules,
// native community threads/posts/experts/documents, connector items) calls
// put_entry/remove_entry inside the transaction of its own change.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

// What one searchable thing looks like to the index. (kind, source, ref) is its
// identity: putting the same identity again replaces it.
struct IndexEntry {
  std::string kind;    // module | thread | post | document | expert | event
  std::string source;  // "catalog", "native", or the connector plugin's id
  std::string ref;     // unique within (kind, source): a module id, thread id, the connector's ref
  std::string title;   // non-empty
  std::string body;    // plain text (Markdown is fine) that search matches against
  std::string url;
  std::string tags;    // comma-separated
  std::string author;
  std::string updated;  // RFC 3339; empty when unknown
  std::optional<std::string> module_id;  // catalog modules.id this belongs to, if any
};

bool is_known_kind(std::string_view kind);
// Row ids of knowledge_entries (and so of knowledge_fts) are (sequence << 3) | kind_code:
// the kind of a full-text match is known from its rowid alone.
int kind_code(std::string_view kind);             // -1 for an unknown kind
std::string_view kind_of_code(int64_t code);      // "" for an unknown code

// Inserts or replaces. Refuses an unknown kind or an empty title/source/ref.
Status put_entry(store::Database& db, const IndexEntry& entry);
// Removing what is not there is not an error.
Status remove_entry(store::Database& db, std::string_view kind, std::string_view source, std::string_view ref);
// Everything one source contributed (a connector plugin removed with --purge).
Status remove_source(store::Database& db, std::string_view source);
// Every kind with this (source, ref): a connector's deletion names only the ref.
Status remove_ref(store::Database& db, std::string_view source, std::string_view ref);
// The catalog's module entries of one course, before its latest version is indexed again.
Status remove_course_modules(store::Database& db, std::string_view course_id);
// Courses none of whose modules is indexed: imported before knowledge search existed.
Result<std::vector<std::string>> courses_missing_from_index(store::Database& db);
// How many entries one source has in the index.
Result<int64_t> count_source(store::Database& db, std::string_view source);
Result<std::optional<IndexEntry>> find_entry(store::Database& db, std::string_view kind, std::string_view source,
                                             std::string_view ref);

}  // namespace trellis::knowledge
