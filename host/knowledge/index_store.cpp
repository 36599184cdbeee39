#include "knowledge/index_store.hpp"

#include <array>

namespace trellis::knowledge {

namespace {
// The order is stored in row ids (knowledge schema version 3): append only.
constexpr std::array<std::string_view, 6> kKinds{"module", "thread", "post", "document", "expert", "event"};
}  // namespace

int kind_code(std::string_view kind) {
  for (size_t i = 0; i < kKinds.size(); ++i)
    if (kKinds[i] == kind) return static_cast<int>(i);
  return -1;
}

std::string_view kind_of_code(int64_t code) {
  return code >= 0 && code < static_cast<int64_t>(kKinds.size()) ? kKinds[static_cast<size_t>(code)] : "";
}

bool is_known_kind(std::string_view kind) { return kind_code(kind) >= 0; }

Status put_entry(store::Database& db, const IndexEntry& e) {
  if (!is_known_kind(e.kind))
    return make_error(ErrorKind::invalid_input, "knowledge index: unknown kind '" + e.kind + "'");
  if (e.source.empty() || e.ref.empty())
    return make_error(ErrorKind::invalid_input, "knowledge index: an entry needs a source and a ref");
  if (e.title.empty())
    return make_error(ErrorKind::invalid_input,
                      "knowledge index: " + e.kind + " '" + e.ref + "' from " + e.source + " has no title");
  // An UPSERT keeps the row id, so the FTS update trigger (not delete+insert) runs.
  // A new row's id is the next sequence number with the kind in its low bits.
  auto st = db.prepare(
      "INSERT INTO knowledge_entries(id, kind, source, ref, title, body, url, tags, author, updated, module_id, thread_id)"
      " VALUES ((((SELECT ifnull(max(id), 0) FROM knowledge_entries) >> 3) + 1) << 3 | ?11,"
      " ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12)"
      " ON CONFLICT(kind, source, ref) DO UPDATE SET title = excluded.title, body = excluded.body,"
      " url = excluded.url, tags = excluded.tags, author = excluded.author, updated = excluded.updated,"
      " module_id = excluded.module_id, thread_id = excluded.thread_id");
  if (!st) return st.error();
  st->bind(1, e.kind).bind(2, e.source).bind(3, e.ref).bind(4, e.title).bind(5, e.body).bind(6, e.url);
  st->bind(7, e.tags).bind(8, e.author).bind(9, e.updated).bind(10, e.module_id).bind(11, kind_code(e.kind));
  st->bind(12, e.thread_id);
  return st->run();
}

Status remove_entry(store::Database& db, std::string_view kind, std::string_view source, std::string_view ref) {
  auto st = db.prepare("DELETE FROM knowledge_entries WHERE kind = ?1 AND source = ?2 AND ref = ?3");
  if (!st) return st.error();
  st->bind(1, kind).bind(2, source).bind(3, ref);
  return st->run();
}

Status remove_source(store::Database& db, std::string_view source) {
  auto st = db.prepare("DELETE FROM knowledge_entries WHERE source = ?1");
  if (!st) return st.error();
  st->bind(1, source);
  return st->run();
}

Status remove_ref(store::Database& db, std::string_view source, std::string_view ref) {
  auto st = db.prepare("DELETE FROM knowledge_entries WHERE source = ?1 AND ref = ?2");
  if (!st) return st.error();
  st->bind(1, source).bind(2, ref);
  return st->run();
}

Status remove_course_modules(store::Database& db, std::string_view course_id) {
  auto st = db.prepare(
      "DELETE FROM knowledge_entries WHERE kind = 'module' AND source = 'catalog'"
      " AND ref IN (SELECT id FROM modules WHERE course_id = ?1)");
  if (!st) return st.error();
  st->bind(1, course_id);
  return st->run();
}

Result<int64_t> remove_course_entries(store::Database& db, std::string_view course_id) {
  auto st = db.prepare(
      "DELETE FROM knowledge_entries WHERE module_id IN (SELECT id FROM modules WHERE course_id = ?1)"
      " OR (kind = 'module' AND source = 'catalog' AND ref IN (SELECT id FROM modules WHERE course_id = ?1))");
  if (!st) return st.error();
  st->bind(1, course_id);
  TRELLIS_TRY(st->run());
  return db.changes();
}

Result<std::vector<std::string>> courses_missing_from_index(store::Database& db) {
  auto st = db.prepare(
      "SELECT c.id FROM courses c WHERE EXISTS (SELECT 1 FROM modules m WHERE m.course_id = c.id)"
      " AND NOT EXISTS (SELECT 1 FROM modules m JOIN knowledge_entries k"
      "  ON k.kind = 'module' AND k.source = 'catalog' AND k.ref = m.id WHERE m.course_id = c.id)");
  if (!st) return st.error();
  return st->first_column_texts();
}

Result<int64_t> count_source(store::Database& db, std::string_view source) {
  auto st = db.prepare("SELECT count(*) FROM knowledge_entries WHERE source = ?1");
  if (!st) return st.error();
  st->bind(1, source);
  auto row = st->step();
  if (!row) return row.error();
  return st->integer(0);
}

Result<std::optional<IndexEntry>> find_entry(store::Database& db, std::string_view kind, std::string_view source,
                                             std::string_view ref) {
  auto st = db.prepare(
      "SELECT title, body, url, tags, author, updated, module_id, thread_id FROM knowledge_entries"
      " WHERE kind = ?1 AND source = ?2 AND ref = ?3");
  if (!st) return st.error();
  st->bind(1, kind).bind(2, source).bind(3, ref);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<IndexEntry>{};
  IndexEntry e{std::string(kind), std::string(source), std::string(ref), st->text(0), st->text(1), st->text(2),
               st->text(3), st->text(4), st->text(5), st->optional_text(6), st->optional_text(7)};
  return std::optional<IndexEntry>{std::move(e)};
}

}  // namespace trellis::knowledge
