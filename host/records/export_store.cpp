#include "records/export_store.hpp"

namespace trellis::records {

Result<std::vector<StoredStatement>> export_page(store::Database& db, const StatementFilter& filter, int limit) {
  auto where = filter_sql(filter);
  auto st = db.prepare("SELECT seq, id, stored, voided, statement FROM statements WHERE " + where.where +
                       " ORDER BY seq LIMIT " + std::to_string(limit));
  if (!st) return st.error();
  bind_filter(*st, where);
  std::vector<StoredStatement> page;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return page;
    page.push_back({st->integer(0), st->text(1), st->text(2), st->integer(3) != 0, st->text(4)});
  }
}

Result<int64_t> count_statements(store::Database& db, const StatementFilter& filter) {
  auto where = filter_sql(filter);
  auto st = db.prepare("SELECT COUNT(*) FROM statements WHERE " + where.where);
  if (!st) return st.error();
  bind_filter(*st, where);
  auto row = st->step();
  if (!row) return row.error();
  return st->integer(0);
}

Result<int64_t> last_statement_seq(store::Database& db) {
  auto st = db.prepare("SELECT COALESCE(MAX(seq), 0) FROM statements");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return st->integer(0);
}

Result<std::optional<StoredStatement>> find_statement_by_seq(store::Database& db, int64_t seq) {
  auto st = db.prepare("SELECT seq, id, stored, voided, statement FROM statements WHERE seq = ?1");
  if (!st) return st.error();
  st->bind(1, seq);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<StoredStatement>();
  return std::optional<StoredStatement>(StoredStatement{st->integer(0), st->text(1), st->text(2), st->integer(3) != 0, st->text(4)});
}

namespace {

// Deletes the statements `filter` selects and the attachment contents no
// remaining statement uses, in the caller's transaction.
Status erase_selected(store::Database& db, const StatementFilter& filter, ErasedCounts& counts) {
  // The attachments the doomed statements carry, noted before the side table
  // loses their rows; after the delete, those no other statement uses go too.
  TRELLIS_TRY(db.exec("CREATE TEMP TABLE IF NOT EXISTS erased_attachments(sha2 TEXT PRIMARY KEY);"
                      "DELETE FROM temp.erased_attachments;"));
  auto where = filter_sql(filter);
  auto noted = db.prepare("INSERT OR IGNORE INTO temp.erased_attachments(sha2) SELECT sha2 FROM statement_attachments"
                          " WHERE seq IN (SELECT seq FROM statements WHERE " + where.where + ")");
  if (!noted) return noted.error();
  bind_filter(*noted, where);
  TRELLIS_TRY(noted->run());
  // Side-table rows go with their statement (ON DELETE CASCADE).
  auto statements = db.prepare("DELETE FROM statements WHERE " + where.where);
  if (!statements) return statements.error();
  bind_filter(*statements, where);
  TRELLIS_TRY(statements->run());
  counts.statements += db.changes();
  TRELLIS_TRY(db.exec("DELETE FROM attachments WHERE sha2 IN (SELECT sha2 FROM temp.erased_attachments)"
                      " AND sha2 NOT IN (SELECT sha2 FROM statement_attachments)"));
  counts.attachments += db.changes();
  return db.exec("DELETE FROM temp.erased_attachments");
}

}  // namespace

Result<ErasedCounts> erase_agent(store::Database& db, const std::string& agent_key) {
  ErasedCounts counts;
  // Every statement that names the agent, in any place.
  StatementFilter mentions;
  mentions.agent = agent_key;
  mentions.related_agents = true;
  TRELLIS_TRY(erase_selected(db, mentions, counts));
  auto documents = db.prepare("DELETE FROM documents WHERE kind = ?1 AND agent = ?2");
  if (!documents) return documents.error();
  for (auto [kind, count] : {std::pair<const char*, int64_t*>{"state", &counts.state_documents},
                             std::pair<const char*, int64_t*>{"agent_profile", &counts.agent_profiles}}) {
    documents->reset();
    documents->bind(1, kind).bind(2, agent_key);
    TRELLIS_TRY(documents->run());
    *count = db.changes();
  }
  return counts;
}

Result<ErasedCounts> erase_activities(store::Database& db, const std::vector<std::string>& activity_iris) {
  ErasedCounts counts;
  auto documents = db.prepare("DELETE FROM documents WHERE kind = ?2 AND " + at_or_below_iri("activity", "?1"));
  if (!documents) return documents.error();
  for (const auto& iri : activity_iris) {
    StatementFilter names;
    names.course = iri;
    TRELLIS_TRY(erase_selected(db, names, counts));
    for (auto [kind, count] : {std::pair<const char*, int64_t*>{"state", &counts.state_documents},
                               std::pair<const char*, int64_t*>{"activity_profile", &counts.activity_profiles}}) {
      documents->reset();
      documents->bind(1, iri).bind(2, kind);
      TRELLIS_TRY(documents->run());
      *count += db.changes();
    }
  }
  return counts;
}

}  // namespace trellis::records
