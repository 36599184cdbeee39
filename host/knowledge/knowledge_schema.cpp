// Tables of knowledge search: one row per searchable thing, whatever owns it
// (catalog modules, native community threads and posts, connector items), and a
// full-text index over them. Owners write rows through index_store.hpp inside
// their own transaction, so the index never disagrees with what it describes.
#include "knowledge/knowledge_schema.hpp"

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain knowledge_schema() {
  return SchemaDomain{
      "knowledge",
      {
          {1,
           "CREATE TABLE knowledge_entries ("
           " id INTEGER PRIMARY KEY,"
           " kind TEXT NOT NULL CHECK (kind IN ('module','thread','post','document','expert','event')),"
           " source TEXT NOT NULL,"
           " ref TEXT NOT NULL,"
           " title TEXT NOT NULL,"
           " body TEXT NOT NULL DEFAULT '',"
           " url TEXT NOT NULL DEFAULT '',"
           " tags TEXT NOT NULL DEFAULT '',"
           " author TEXT NOT NULL DEFAULT '',"
           " updated TEXT NOT NULL DEFAULT '',"
           " module_id TEXT,"
           " UNIQUE (kind, source, ref));"
           "CREATE INDEX knowledge_entries_by_module ON knowledge_entries(module_id) WHERE module_id IS NOT NULL;"
           "CREATE INDEX knowledge_entries_by_source ON knowledge_entries(source);"
           // External content: the text lives once, in knowledge_entries; the
           // triggers keep the index in step inside the writer's transaction.
           "CREATE VIRTUAL TABLE knowledge_fts USING fts5("
           " title, body, tags, author,"
           " content='knowledge_entries', content_rowid='id',"
           " tokenize='porter unicode61 remove_diacritics 2');"
           "CREATE TRIGGER knowledge_entries_ai AFTER INSERT ON knowledge_entries BEGIN"
           " INSERT INTO knowledge_fts(rowid, title, body, tags, author)"
           " VALUES (new.id, new.title, new.body, new.tags, new.author); END;"
           "CREATE TRIGGER knowledge_entries_ad AFTER DELETE ON knowledge_entries BEGIN"
           " INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, tags, author)"
           " VALUES ('delete', old.id, old.title, old.body, old.tags, old.author); END;"
           "CREATE TRIGGER knowledge_entries_au AFTER UPDATE ON knowledge_entries BEGIN"
           " INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, tags, author)"
           " VALUES ('delete', old.id, old.title, old.body, old.tags, old.author);"
           " INSERT INTO knowledge_fts(rowid, title, body, tags, author)"
           " VALUES (new.id, new.title, new.body, new.tags, new.author); END;"},
          // Ranking: a word in the title counts most, then tags (keywords,
          // expertise), then the author, then the body. Stored in the index's
          // own config so every `ORDER BY rank` uses it and stays on FTS5's fast path.
          {2,
           "INSERT INTO knowledge_fts(knowledge_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 4.0, 2.0)');"
           // One row per connector plugin that has synced or tried to: where the
           // next sync starts and how the last one went.
           "CREATE TABLE connector_state ("
           " plugin_id TEXT PRIMARY KEY,"
           " cursor TEXT NOT NULL DEFAULT '',"
           " last_attempt_at TEXT,"
           " last_success_at TEXT,"
           " last_status TEXT NOT NULL DEFAULT 'never',"
           " last_error TEXT NOT NULL DEFAULT '',"
           " last_applied INTEGER NOT NULL DEFAULT 0,"
           " last_deleted INTEGER NOT NULL DEFAULT 0,"
           " last_refused INTEGER NOT NULL DEFAULT 0);"
           // Knowledge attached to a module. The entry's identity is kept, not a
           // row id, so a link survives the entry being re-synced; title and url
           // are kept too, so a link to an item only a connector's live search
           // knows still shows.
           "CREATE TABLE module_links ("
           " module_id TEXT NOT NULL,"
           " kind TEXT NOT NULL,"
           " source TEXT NOT NULL,"
           " ref TEXT NOT NULL,"
           " title TEXT NOT NULL,"
           " url TEXT NOT NULL DEFAULT '',"
           " score REAL NOT NULL DEFAULT 0,"
           " automatic INTEGER NOT NULL DEFAULT 0,"
           " attached_by TEXT NOT NULL,"
           " attached_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
           " PRIMARY KEY (module_id, kind, source, ref));"},
          // The kind rides in the low 3 bits of the row id (index_store.cpp), so
          // counting matches per kind reads only the full-text index, never the
          // rows: ids are renumbered and the index rebuilt under them.
          {3,
           "DROP TRIGGER knowledge_entries_ai;"
           "DROP TRIGGER knowledge_entries_ad;"
           "DROP TRIGGER knowledge_entries_au;"
           "UPDATE knowledge_entries SET id = -id;"
           "UPDATE knowledge_entries SET id = ((-id) << 3) | CASE kind WHEN 'module' THEN 0 WHEN 'thread' THEN 1"
           " WHEN 'post' THEN 2 WHEN 'document' THEN 3 WHEN 'expert' THEN 4 ELSE 5 END;"
           "INSERT INTO knowledge_fts(knowledge_fts) VALUES ('rebuild');"
           "CREATE TRIGGER knowledge_entries_ai AFTER INSERT ON knowledge_entries BEGIN"
           " INSERT INTO knowledge_fts(rowid, title, body, tags, author)"
           " VALUES (new.id, new.title, new.body, new.tags, new.author); END;"
           "CREATE TRIGGER knowledge_entries_ad AFTER DELETE ON knowledge_entries BEGIN"
           " INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, tags, author)"
           " VALUES ('delete', old.id, old.title, old.body, old.tags, old.author); END;"
           "CREATE TRIGGER knowledge_entries_au AFTER UPDATE ON knowledge_entries BEGIN"
           " INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, tags, author)"
           " VALUES ('delete', old.id, old.title, old.body, old.tags, old.author);"
           " INSERT INTO knowledge_fts(rowid, title, body, tags, author)"
           " VALUES (new.id, new.title, new.body, new.tags, new.author); END;"},
          // The native thread an entry is or belongs to. A thread's opening post
          // was indexed twice (as the thread, and as a post with the thread's
          // title): a search showed one thread as two results. The community
          // wrote a post's URL as /api/v1/threads/<thread>#<post>; that is where
          // the thread of the entries already stored comes from.
          {4,
           "ALTER TABLE knowledge_entries ADD COLUMN thread_id TEXT;"
           "UPDATE knowledge_entries SET thread_id = ref WHERE kind = 'thread' AND source = 'native';"
           "UPDATE knowledge_entries SET thread_id = substr(url, 17, instr(url, '#') - 17)"
           " WHERE kind = 'post' AND source = 'native' AND url LIKE '/api/v1/threads/%#%';"
           "DELETE FROM knowledge_entries WHERE kind = 'post' AND source = 'native' AND EXISTS ("
           " SELECT 1 FROM knowledge_entries t WHERE t.kind = 'thread' AND t.source = 'native'"
           " AND t.ref = knowledge_entries.thread_id AND t.title = knowledge_entries.title);"},
      }};
}

}  // namespace trellis::store
