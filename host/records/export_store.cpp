#include "records/export_store.hpp"

namespace trellis::records {
namespace {

// The activity IRI ?7 itself, or one below it (a path, fragment or query under it).
std::string in_course(const std::string& column) {
  const std::string& c = column;
  return "(" + c + " = ?7 OR (" + c + " > ?7 || '/' AND " + c + " < ?7 || '0') OR (" + c + " > ?7 || '#' AND " + c +
         " < ?7 || '$') OR (" + c + " > ?7 || '?' AND " + c + " < ?7 || '@'))";
}

// Binding order follows the conditions appended in build_sql.
std::string build_sql(const ExportFilter& f) {
  std::string sql = "SELECT s.seq, s.id, s.stored, s.voided, s.statement FROM statements s WHERE s.seq > ?1 AND s.seq <= ?2";
  if (f.since) sql += " AND s.stored > ?3";
  if (f.until) sql += " AND s.stored <= ?4";
  if (f.verb) sql += " AND s.verb = ?5";
  // The actor and the object activity live in the statement's own row (see
  // store_statements); the side tables hold every other agent and activity.
  if (f.agent)
    sql += " AND (s.actor = ?6 OR EXISTS (SELECT 1 FROM statement_agents a WHERE a.agent = ?6 AND a.seq = s.seq"
           " AND a.related = 0))";
  if (f.course)
    // Range scans on the (activity, seq) primary key: the IRI itself, then below it.
    sql += " AND (" + in_course("s.activity") +
           " OR EXISTS (SELECT 1 FROM statement_activities c WHERE c.seq = s.seq AND " + in_course("c.activity") + "))";
  sql += " ORDER BY s.seq LIMIT ?8";
  return sql;
}

}  // namespace

Result<std::vector<StoredStatement>> export_page(store::Database& db, const ExportFilter& filter, int64_t after_seq,
                                                 int64_t up_to_seq, int limit) {
  auto st = db.prepare(build_sql(filter));
  if (!st) return st.error();
  st->bind(1, after_seq).bind(2, up_to_seq).bind(8, limit);
  if (filter.since) st->bind(3, *filter.since);
  if (filter.until) st->bind(4, *filter.until);
  if (filter.verb) st->bind(5, *filter.verb);
  if (filter.agent) st->bind(6, *filter.agent);
  if (filter.course) st->bind(7, *filter.course);
  std::vector<StoredStatement> page;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return page;
    page.push_back({st->integer(0), st->text(1), st->text(2), st->integer(3) != 0, st->text(4)});
  }
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

Result<ErasedCounts> erase_agent(store::Database& db, const std::string& agent_key) {
  ErasedCounts counts;
  // The attachments the doomed statements carry, noted before the side table
  // loses their rows; after the delete, those no other statement uses go too.
  TRELLIS_TRY(db.exec("CREATE TEMP TABLE IF NOT EXISTS erased_attachments(sha2 TEXT PRIMARY KEY);"
                      "DELETE FROM temp.erased_attachments;"));
  auto noted = db.prepare(
      "INSERT OR IGNORE INTO temp.erased_attachments(sha2) SELECT sha2 FROM statement_attachments WHERE seq IN"
      " (SELECT seq FROM statement_agents WHERE agent = ?1 UNION SELECT seq FROM statements WHERE actor = ?1)");
  if (!noted) return noted.error();
  noted->bind(1, agent_key);
  TRELLIS_TRY(noted->run());
  // Side-table rows go with their statement (ON DELETE CASCADE).
  auto statements = db.prepare(
      "DELETE FROM statements WHERE seq IN (SELECT seq FROM statement_agents WHERE agent = ?1) OR actor = ?1");
  if (!statements) return statements.error();
  statements->bind(1, agent_key);
  TRELLIS_TRY(statements->run());
  counts.statements = db.changes();
  auto documents = db.prepare("DELETE FROM documents WHERE kind = ?1 AND agent = ?2");
  if (!documents) return documents.error();
  for (auto [kind, count] : {std::pair<const char*, int64_t*>{"state", &counts.state_documents},
                             std::pair<const char*, int64_t*>{"agent_profile", &counts.agent_profiles}}) {
    documents->reset();
    documents->bind(1, kind).bind(2, agent_key);
    TRELLIS_TRY(documents->run());
    *count = db.changes();
  }
  TRELLIS_TRY(db.exec("DELETE FROM attachments WHERE sha2 IN (SELECT sha2 FROM temp.erased_attachments)"
                      " AND sha2 NOT IN (SELECT sha2 FROM statement_attachments)"));
  counts.attachments = db.changes();
  TRELLIS_TRY(db.exec("DELETE FROM temp.erased_attachments"));
  return counts;
}

}  // namespace trellis::records
