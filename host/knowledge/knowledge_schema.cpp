// Tables of knowledge search: one row per searchable thing, whatever owns it
// (catalog modules, native community threads and posts, connector items), and a
// full-text index over them. Owners write rows through index_store.hpp inside
// their own transaction, so the index never disagrees with what it describes.
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
      }};
}

}  // namespace trellis::store
