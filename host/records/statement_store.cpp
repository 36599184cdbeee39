#include "records/statement_store.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace trellis::records {
namespace {

constexpr int kMaxPage = 500;

std::string format_micros(int64_t micros) {
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(micros % 1000000));
  return buf;
}

int64_t parse_stored_micros(const std::string& s) {
  std::tm tm{};
  int year = 0, mon = 0, day = 0, hour = 0, min = 0, sec = 0;
  long long frac = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d.%lldZ", &year, &mon, &day, &hour, &min, &sec, &frac) != 7) return 0;
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  return static_cast<int64_t>(timegm(&tm)) * 1000000 + frac;
}

// `stored` strictly increases with seq, so it can be compared as text and never
// ties, even for statements of one batch.
Result<int64_t> next_stored_micros(store::Database& db) {
  int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  auto last = latest_stored(db);
  if (!last) return last.error();
  if (!last->empty()) now = std::max(now, parse_stored_micros(*last) + 1);
  return now;
}

void merge_definition(nlohmann::json& into, const nlohmann::json& from) {
  for (auto it = from.begin(); it != from.end(); ++it) {
    if ((it.key() == "name" || it.key() == "description") && it->is_object() && into.contains(it.key()) &&
        into[it.key()].is_object()) {
      for (auto lang = it->begin(); lang != it->end(); ++lang) into[it.key()][lang.key()] = *lang;
    } else {
      into[it.key()] = *it;
    }
  }
}

Status upsert_definition(store::Database& db, const std::string& id, const nlohmann::json& definition) {
  auto existing = find_activity_definition(db, id);
  if (!existing) return existing.error();
  nlohmann::json merged = existing->value_or(nlohmann::json::object());
  merge_definition(merged, definition);
  // Most statements repeat a definition already stored: no write, no dirty page.
  if (existing->has_value() && merged == **existing) return {};
  auto st = db.prepare("INSERT INTO activities(id, definition) VALUES(?1, ?2) "
                       "ON CONFLICT(id) DO UPDATE SET definition = excluded.definition");
  if (!st) return st.error();
  st->bind(1, id).bind(2, merged.dump());
  return st->run();
}

StoredStatement read_row(store::Statement& st) {
  StoredStatement s;
  s.seq = st.integer(0);
  s.id = st.text(1);
  s.stored = st.text(2);
  s.voided = st.integer(3) != 0;
  s.statement = st.text(4);
  return s;
}

}  // namespace

Result<std::string> latest_stored(store::Database& db) {
  auto st = db.prepare("SELECT stored FROM statements ORDER BY seq DESC LIMIT 1");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return *row ? st->text(0) : std::string();
}

Result<std::optional<StoredStatement>> find_statement(store::Database& db, const std::string& id) {
  auto st = db.prepare("SELECT seq, id, stored, voided, statement FROM statements WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<StoredStatement>();
  return std::optional<StoredStatement>(read_row(*st));
}

Result<std::vector<std::string>> insert_statements(store::Database& db, std::vector<NewStatement>&& batch,
                                                   const std::vector<NewAttachment>& attachments,
                                                   const SameStatement& same) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto ids = store_statements(db, std::move(batch), attachments, same);
  if (!ids) return ids.error();
  TRELLIS_TRY(tx->commit());
  return ids;
}

Result<std::vector<std::string>> store_statements(store::Database& db, std::vector<NewStatement>&& batch,
                                                  const std::vector<NewAttachment>& attachments,
                                                  const SameStatement& same) {
  auto micros = next_stored_micros(db);
  if (!micros) return micros.error();
  int64_t stored_at = *micros;

  auto insert = db.prepare(
      "INSERT INTO statements(id, stored, actor, verb, activity, object_statement, registration, authority_key, "
      "is_voiding, statement) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(id) DO NOTHING");
  auto insert_agent = db.prepare("INSERT OR IGNORE INTO statement_agents(seq, agent, related) VALUES(?1, ?2, ?3)");
  auto insert_activity =
      db.prepare("INSERT OR IGNORE INTO statement_activities(seq, activity, related) VALUES(?1, ?2, ?3)");
  auto insert_attachment_use =
      db.prepare("INSERT OR IGNORE INTO statement_attachments(sha2, seq) VALUES(?1, ?2)");
  auto void_target = db.prepare("UPDATE statements SET voided = 1 WHERE id = ?1");
  auto target_kind = db.prepare("SELECT is_voiding FROM statements WHERE id = ?1");
  if (!insert) return insert.error();
  if (!insert_agent) return insert_agent.error();
  if (!insert_activity) return insert_activity.error();
  if (!void_target) return void_target.error();
  if (!insert_attachment_use) return insert_attachment_use.error();
  if (!target_kind) return target_kind.error();

  std::vector<std::string> ids;
  ids.reserve(batch.size());
  for (auto& s : batch) {
    ids.push_back(s.id);
    if (s.is_voiding && s.object_statement) {
      target_kind->reset();
      target_kind->bind(1, *s.object_statement);
      auto row = target_kind->step();
      if (!row) return row.error();
      if (*row && target_kind->integer(0) != 0)
        return make_error(ErrorKind::invalid_input,
                          "statement " + s.id + " voids " + *s.object_statement + ", which is itself a voiding statement");
    }
    std::string stored = format_micros(stored_at++);
    s.statement["stored"] = stored;
    bool added_timestamp = !s.statement.contains("timestamp");
    if (added_timestamp) s.statement["timestamp"] = stored;
    insert->reset();
    insert->bind(1, s.id).bind(2, stored).bind(3, s.actor).bind(4, s.verb).bind(5, s.activity);
    insert->bind(6, s.object_statement).bind(7, s.registration).bind(8, s.authority_key);
    insert->bind(9, s.is_voiding ? 1 : 0).bind(10, s.statement.dump());
    TRELLIS_TRY(insert->run());
    // The id is taken (rare): the insert did nothing, and the stored one decides.
    // Inserting first spares every new statement a separate lookup by id.
    if (db.changes() == 0) {
      auto existing = find_statement(db, s.id);
      if (!existing) return existing.error();
      if (!*existing) return make_error(ErrorKind::internal, "statement " + s.id + " was neither inserted nor found");
      s.statement.erase("stored");
      if (added_timestamp) s.statement.erase("timestamp");
      if (same && same(nlohmann::json::parse((*existing)->statement), s.statement)) continue;
      return make_error(ErrorKind::conflict, "statement " + s.id + " is already stored with different content");
    }
    int64_t seq = db.last_insert_rowid();
    // The actor and the object activity are the row's own indexed columns, and
    // queries look there too: repeating them here would cost every statement
    // two more index writes for nothing.
    for (const auto& [agent, related] : s.agents) {
      if (!related && agent == s.actor) continue;
      insert_agent->reset();
      insert_agent->bind(1, seq).bind(2, agent).bind(3, related ? 1 : 0);
      TRELLIS_TRY(insert_agent->run());
    }
    for (const auto& [activity, related] : s.activities) {
      if (!related && s.activity && activity == *s.activity) continue;
      insert_activity->reset();
      insert_activity->bind(1, seq).bind(2, activity).bind(3, related ? 1 : 0);
      TRELLIS_TRY(insert_activity->run());
    }
    if (auto used = s.statement.find("attachments"); used != s.statement.end() && used->is_array())
      for (const auto& a : *used)
        if (a.is_object() && a.contains("sha2") && a["sha2"].is_string()) {
          insert_attachment_use->reset();
          insert_attachment_use->bind(1, a["sha2"].get<std::string>()).bind(2, seq);
          TRELLIS_TRY(insert_attachment_use->run());
        }
    for (const auto& [id, definition] : s.definitions) TRELLIS_TRY(upsert_definition(db, id, definition));
    if (s.is_voiding && s.object_statement) {
      void_target->reset();
      void_target->bind(1, *s.object_statement);
      TRELLIS_TRY(void_target->run());
    }
  }
  if (!attachments.empty()) {
    auto put = db.prepare("INSERT OR IGNORE INTO attachments(sha2, content_type, content) VALUES(?1, ?2, ?3)");
    if (!put) return put.error();
    for (const auto& a : attachments) {
      put->reset();
      put->bind(1, a.sha2).bind(2, a.content_type).bind_blob(3, a.content);
      TRELLIS_TRY(put->run());
    }
  }
  return ids;
}

Result<StatementPage> query_statements(store::Database& db, const StatementQuery& q) {
  StatementPage page;
  if (q.max_seq) {
    page.max_seq = *q.max_seq;
  } else {
    auto st = db.prepare("SELECT COALESCE(MAX(seq), 0) FROM statements");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    page.max_seq = st->integer(0);
  }

  // Filters that select statements by content; statements targeting a match
  // through a StatementRef match as well (xAPI 2.1.3, "Filter Conditions for StatementRefs").
  std::vector<std::string> conds;
  std::vector<std::string> binds;
  if (q.agent) {
    std::string n = std::to_string(binds.size() + 1);
    conds.push_back("seq IN (SELECT seq FROM statements WHERE actor = ?" + n +
                    " UNION ALL SELECT seq FROM statement_agents WHERE agent = ?" + n +
                    (q.related_agents ? ")" : " AND related = 0)"));
    binds.push_back(*q.agent);
  }
  if (q.verb) {
    conds.push_back("verb = ?" + std::to_string(binds.size() + 1));
    binds.push_back(*q.verb);
  }
  if (q.activity) {
    std::string n = std::to_string(binds.size() + 1);
    conds.push_back("seq IN (SELECT seq FROM statements WHERE activity = ?" + n +
                    " UNION ALL SELECT seq FROM statement_activities WHERE activity = ?" + n +
                    (q.related_activities ? ")" : " AND related = 0)"));
    binds.push_back(*q.activity);
  }
  if (q.registration) {
    conds.push_back("registration = ?" + std::to_string(binds.size() + 1));
    binds.push_back(*q.registration);
  }

  std::string sql;
  if (!conds.empty()) {
    std::string where;
    for (const auto& c : conds) where += (where.empty() ? "" : " AND ") + c;
    sql = "WITH RECURSIVE hit(id) AS (SELECT id FROM statements WHERE " + where +
          " UNION SELECT s.id FROM statements s JOIN hit ON s.object_statement = hit.id) "
          "SELECT seq, id, stored, voided, statement FROM statements WHERE id IN (SELECT id FROM hit) AND voided = 0";
  } else {
    sql = "SELECT seq, id, stored, voided, statement FROM statements WHERE voided = 0";
  }
  sql += " AND seq <= " + std::to_string(page.max_seq);
  if (q.after_seq) sql += std::string(" AND seq ") + (q.ascending ? "> " : "< ") + std::to_string(*q.after_seq);
  if (q.since) {
    sql += " AND stored > ?" + std::to_string(binds.size() + 1);
    binds.push_back(*q.since);
  }
  if (q.until) {
    sql += " AND stored <= ?" + std::to_string(binds.size() + 1);
    binds.push_back(*q.until);
  }
  int limit = (q.limit <= 0 || q.limit > kMaxPage) ? kMaxPage : q.limit;
  sql += std::string(" ORDER BY seq ") + (q.ascending ? "ASC" : "DESC") + " LIMIT " + std::to_string(limit + 1);

  auto st = db.prepare(sql);
  if (!st) return st.error();
  for (size_t i = 0; i < binds.size(); ++i) st->bind(static_cast<int>(i + 1), binds[i]);
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    if (static_cast<int>(page.statements.size()) == limit) {
      page.more = true;
      break;
    }
    page.statements.push_back(read_row(*st));
  }
  return page;
}

Result<std::optional<NewAttachment>> find_attachment(store::Database& db, const std::string& sha2) {
  auto st = db.prepare("SELECT content_type, content FROM attachments WHERE sha2 = ?1");
  if (!st) return st.error();
  st->bind(1, sha2);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<NewAttachment>();
  return std::optional<NewAttachment>(NewAttachment{sha2, st->text(0), st->blob(1)});
}

Result<std::optional<nlohmann::json>> find_activity_definition(store::Database& db, const std::string& id) {
  auto st = db.prepare("SELECT definition FROM activities WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(nlohmann::json::parse(st->text(0)));
}

Status for_each_statement(store::Database& db, int64_t after_seq, int64_t limit,
                          const std::function<bool(const StoredStatement&)>& visit) {
  std::string sql = "SELECT seq, id, stored, voided, statement FROM statements WHERE seq > ?1 ORDER BY seq";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  auto st = db.prepare(sql);
  if (!st) return st.error();
  st->bind(1, after_seq);
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return {};
    if (!visit(read_row(*st))) return {};
  }
}

}  // namespace trellis::records
