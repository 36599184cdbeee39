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
#include "knowledge/search_index.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

bool is_known_kind(std::string_view kind);
// Row ids of knowledge_entries (and so of knowledge_fts) are (sequence << 3) | kind_code:
// the kind of a full-text match is known from its rowid alone.
int kind_code(std::string_view kind);             // -1 for an unknown kind
std::string_view kind_of_code(int64_t code);      // "" for an unknown code

// Everything one source contributed (a connector plugin removed with --purge).
Status remove_source(store::Database& db, std::string_view source);
// Every kind with this (source, ref): a connector's deletion names only the ref.
Status remove_ref(store::Database& db, std::string_view source, std::string_view ref);
// The catalog's module entries of one course, before its latest version is indexed again.
Status remove_course_modules(store::Database& db, std::string_view course_id);
// Every entry about a course's modules (the catalog's module entries and what
// is kept about its discussions), when the course is deleted; returns how many.
Result<int64_t> remove_course_entries(store::Database& db, std::string_view course_id);
// Courses none of whose modules is indexed: imported before knowledge search existed.
Result<std::vector<std::string>> courses_missing_from_index(store::Database& db);
// How many entries one source has in the index.
Result<int64_t> count_source(store::Database& db, std::string_view source);
Result<std::optional<IndexEntry>> find_entry(store::Database& db, std::string_view kind, std::string_view source,
                                             std::string_view ref);

}  // namespace trellis::knowledge
