// Tables of the host's native community: discussion threads attached to catalog
// modules and their posts. A thread points at `modules.id`, which the catalog
// keeps across re-imports of a course (modules are matched by identifier), so a
// discussion stays on its module through every new version of the course.
#include "community/community_schema.hpp"

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain community_schema() {
  return SchemaDomain{
      "community",
      {
          {1,
           "CREATE TABLE community_threads ("
           " id TEXT PRIMARY KEY,"
           " module_id TEXT NOT NULL REFERENCES modules(id),"
           // 'native' for threads the host keeps; a connector plugin's id otherwise.
           " provider TEXT NOT NULL DEFAULT 'native',"
           " external_ref TEXT,"
           " url TEXT NOT NULL DEFAULT '',"
           " title TEXT NOT NULL CHECK (title <> ''),"
           " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered')),"
           " accepted_post_id TEXT REFERENCES community_posts(id),"
           " accepted_by TEXT,"
           " tags TEXT NOT NULL DEFAULT '',"
           " author TEXT NOT NULL,"
           " created_at TEXT NOT NULL,"
           " updated_at TEXT NOT NULL,"
           " CHECK ((status = 'answered') = (accepted_post_id IS NOT NULL) OR provider <> 'native'),"
           " UNIQUE (provider, external_ref));"
           "CREATE INDEX community_threads_by_module ON community_threads(module_id, updated_at);"
           "CREATE TABLE community_posts ("
           " id TEXT PRIMARY KEY,"
           " thread_id TEXT NOT NULL REFERENCES community_threads(id),"
           // 0 is the post that opened the thread.
           " position INTEGER NOT NULL,"
           " author TEXT NOT NULL,"
           " body_markdown TEXT NOT NULL CHECK (body_markdown <> ''),"
           " body_html TEXT NOT NULL,"
           " created_at TEXT NOT NULL,"
           " edited_at TEXT,"
           " UNIQUE (thread_id, position));"},
      }};
}

}  // namespace trellis::store
