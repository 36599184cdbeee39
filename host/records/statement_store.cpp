#include "records/statement_store.hpp"

#include <algorithm>

#include "json/bounded_parse.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::records {
namespace {

constexpr int kMaxPage = 500;

// `stored` strictly increases with seq, so it can be compared as text and never
// ties, even for statements of one batch.
Result<int64_t> next_stored_micros(store::Database& db) {
  int64_t now = xapi::now_micros();
  auto last = latest_stored(db);
  if (!last) return last.error();
  // Only this file writes `stored`, always in format_timestamp's form.
  if (auto previous = xapi::parse_timestamp(*last)) now = std::max(now, previous->micros + 1);
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
    std::string stored = xapi::format_timestamp(stored_at++);
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
      if (same && same(parse_json_or_discarded((*existing)->statement, kStoredJson), s.statement)) continue;
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

  StatementFilter f = q.filter;
  f.with_referrers = true;
  f.voided = Voided::left_out;
  f.after_seq.reset();
  f.through_seq = page.max_seq;
  // The cursor continues past the last seq returned, in the page's direction.
  if (q.after_seq && q.ascending) f.after_seq = *q.after_seq;
  if (q.after_seq && !q.ascending) f.through_seq = std::min(page.max_seq, *q.after_seq - 1);
  auto where = filter_sql(f);
  int limit = (q.limit <= 0 || q.limit > kMaxPage) ? kMaxPage : q.limit;
  auto st = db.prepare("SELECT seq, id, stored, voided, statement FROM statements WHERE " + where.where +
                       " ORDER BY seq " + (q.ascending ? "ASC" : "DESC") + " LIMIT " + std::to_string(limit + 1));
  if (!st) return st.error();
  bind_filter(*st, where);
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
  auto definition = parse_json(st->text(0), kStoredJson);
  if (!definition) return make_error(ErrorKind::internal, "activity " + id + ": " + definition.error().message);
  return std::optional<nlohmann::json>(std::move(definition).value());
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
