#include "knowledge/link_store.hpp"

#include "knowledge/index_store.hpp"

namespace trellis::knowledge {

Result<ItemId> parse_item_id(std::string_view text) {
  auto first = text.find(':');
  auto second = first == std::string_view::npos ? first : text.find(':', first + 1);
  if (second == std::string_view::npos)
    return make_error(ErrorKind::invalid_input, "item '" + std::string(text.substr(0, 200)) +
                                                    "' is not KIND:SOURCE:REF (e.g. thread:native:42)");
  ItemId id{std::string(text.substr(0, first)), std::string(text.substr(first + 1, second - first - 1)),
            std::string(text.substr(second + 1))};
  if (!is_known_kind(id.kind))
    return make_error(ErrorKind::invalid_input, "item '" + std::string(text.substr(0, 200)) + "': unknown kind '" +
                                                    id.kind + "' (module, thread, post, document, expert or event)");
  if (id.source.empty() || id.ref.empty())
    return make_error(ErrorKind::invalid_input,
                      "item '" + std::string(text.substr(0, 200)) + "' needs a source and a ref after its kind");
  return id;
}

Status attach_link(store::Database& db, const ModuleLink& l) {
  auto st = db.prepare(
      "INSERT INTO module_links(module_id, kind, source, ref, title, url, score, automatic, attached_by)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
      " ON CONFLICT(module_id, kind, source, ref) DO UPDATE SET title = excluded.title, url = excluded.url,"
      " score = excluded.score");
  if (!st) return st.error();
  st->bind(1, l.module_id).bind(2, l.item.kind).bind(3, l.item.source).bind(4, l.item.ref).bind(5, l.title);
  st->bind(6, l.url).bind(7, l.score).bind(8, l.automatic ? 1 : 0).bind(9, l.attached_by);
  return st->run();
}

Result<bool> detach_link(store::Database& db, std::string_view module_id, const ItemId& item) {
  auto st = db.prepare("DELETE FROM module_links WHERE module_id = ?1 AND kind = ?2 AND source = ?3 AND ref = ?4");
  if (!st) return st.error();
  st->bind(1, module_id).bind(2, item.kind).bind(3, item.source).bind(4, item.ref);
  TRELLIS_TRY(st->run());
  return db.changes() > 0;
}

Result<std::vector<ModuleLink>> module_links(store::Database& db, std::string_view module_id) {
  auto st = db.prepare(
      "SELECT kind, source, ref, title, url, score, automatic, attached_by, attached_at FROM module_links"
      " WHERE module_id = ?1 ORDER BY score DESC, attached_at");
  if (!st) return st.error();
  st->bind(1, module_id);
  std::vector<ModuleLink> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(ModuleLink{std::string(module_id), {st->text(0), st->text(1), st->text(2)}, st->text(3), st->text(4),
                             st->real(5), st->integer(6) != 0, st->text(7), st->text(8)});
  }
}

Result<int64_t> remove_course_links(store::Database& db, std::string_view course_id) {
  // Links on its modules, and links elsewhere to what goes with it: its module
  // entries and whatever the index keeps about its modules (their discussions).
  // Run before the course's entries leave the index.
  auto st = db.prepare(
      "DELETE FROM module_links WHERE module_id IN (SELECT id FROM modules WHERE course_id = ?1)"
      " OR (kind = 'module' AND source = 'catalog' AND ref IN (SELECT id FROM modules WHERE course_id = ?1))"
      " OR EXISTS (SELECT 1 FROM knowledge_entries k WHERE k.kind = module_links.kind"
      "  AND k.source = module_links.source AND k.ref = module_links.ref"
      "  AND k.module_id IN (SELECT id FROM modules WHERE course_id = ?1))");
  if (!st) return st.error();
  st->bind(1, course_id);
  TRELLIS_TRY(st->run());
  return db.changes();
}

}  // namespace trellis::knowledge
