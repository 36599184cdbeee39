// Tables of the `records` domain: xAPI statements (with side tables that index
// every agent and activity a statement mentions, for the query filters), their
// attachments, the State / Activity Profile / Agent Profile documents, and the
// LRS's credentials. Only records/*_store.cpp reads or writes them.
#include "records/records_schema.hpp"

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain records_schema() {
  return SchemaDomain{
      "records",
      {
          {1,
           // seq is the stored order: monotonic, the paging cursor and the export cursor.
           "CREATE TABLE statements ("
           " seq INTEGER PRIMARY KEY,"
           " id TEXT NOT NULL UNIQUE,"
           " stored TEXT NOT NULL,"
           " actor TEXT NOT NULL,"
           " verb TEXT NOT NULL,"
           " activity TEXT,"
           " object_statement TEXT,"
           " registration TEXT,"
           " authority_key TEXT NOT NULL,"
           " voided INTEGER NOT NULL DEFAULT 0,"
           " is_voiding INTEGER NOT NULL DEFAULT 0,"
           " statement TEXT NOT NULL);"
           "CREATE INDEX statements_stored ON statements(stored);"
           "CREATE INDEX statements_actor ON statements(actor, verb);"
           "CREATE INDEX statements_verb ON statements(verb);"
           "CREATE INDEX statements_activity ON statements(activity);"
           "CREATE INDEX statements_registration ON statements(registration);"
           "CREATE INDEX statements_object_statement ON statements(object_statement);"
           // related = 0: the agent is the actor or the object; 1: anywhere else.
           "CREATE TABLE statement_agents ("
           " seq INTEGER NOT NULL REFERENCES statements(seq) ON DELETE CASCADE,"
           " agent TEXT NOT NULL,"
           " related INTEGER NOT NULL,"
           " PRIMARY KEY (agent, seq, related)) WITHOUT ROWID;"
           "CREATE INDEX statement_agents_seq ON statement_agents(seq);"
           // related = 0: the activity is the object; 1: anywhere else.
           "CREATE TABLE statement_activities ("
           " seq INTEGER NOT NULL REFERENCES statements(seq) ON DELETE CASCADE,"
           " activity TEXT NOT NULL,"
           " related INTEGER NOT NULL,"
           " PRIMARY KEY (activity, seq, related)) WITHOUT ROWID;"
           "CREATE INDEX statement_activities_seq ON statement_activities(seq);"
           "CREATE TABLE attachments ("
           " sha2 TEXT PRIMARY KEY,"
           " content_type TEXT NOT NULL,"
           " content BLOB NOT NULL);"
           // The canonical definition of each activity, merged from the statements.
           "CREATE TABLE activities ("
           " id TEXT PRIMARY KEY,"
           " definition TEXT NOT NULL);"
           // kind: state | activity_profile | agent_profile. Empty strings stand for
           // absent parts of the key so the primary key stays simple.
           "CREATE TABLE documents ("
           " kind TEXT NOT NULL,"
           " activity TEXT NOT NULL,"
           " agent TEXT NOT NULL,"
           " registration TEXT NOT NULL,"
           " doc_id TEXT NOT NULL,"
           " content_type TEXT NOT NULL,"
           " content BLOB NOT NULL,"
           " etag TEXT NOT NULL,"
           " updated TEXT NOT NULL,"
           " PRIMARY KEY (kind, activity, agent, registration, doc_id));"
           "CREATE TABLE lrs_keys ("
           " key TEXT PRIMARY KEY,"
           " name TEXT NOT NULL,"
           " secret_hash TEXT NOT NULL,"
           " scopes TEXT NOT NULL,"
           " created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
           " revoked TEXT);"},
          {2,
           // Which statement carries which attachment, so erasing a learner can
           // tell the attachments only their statements used from shared ones.
           "CREATE TABLE statement_attachments ("
           " sha2 TEXT NOT NULL,"
           " seq INTEGER NOT NULL REFERENCES statements(seq) ON DELETE CASCADE,"
           " PRIMARY KEY (sha2, seq)) WITHOUT ROWID;"
           "CREATE INDEX statement_attachments_seq ON statement_attachments(seq);"
           "INSERT OR IGNORE INTO statement_attachments(sha2, seq)"
           " SELECT json_extract(a.value, '$.sha2'), s.seq"
           " FROM statements s, json_each(s.statement, '$.attachments') a"
           " WHERE json_type(a.value, '$.sha2') = 'text';"},
          {3,
           // Most statements have no registration and no StatementRef object:
           // indexing only the rows that do spares every other insert two index
           // writes. Queries compare these columns with '=', which implies NOT
           // NULL, so SQLite still uses the partial indexes.
           "DROP INDEX statements_registration;"
           "CREATE INDEX statements_registration ON statements(registration) WHERE registration IS NOT NULL;"
           "DROP INDEX statements_object_statement;"
           "CREATE INDEX statements_object_statement ON statements(object_statement)"
           " WHERE object_statement IS NOT NULL;"},
          {4,
           // Before 0.1 the host's own community statements wrote an author given
           // as "mailto:ana@example.org" as mbox "mailto:mailto:ana@example.org",
           // which no learner filter or erasure matches. A client cannot have
           // sent such a statement (the validator refuses a second scheme), so
           // every such mbox is the host's and is corrected in place: the
           // statement text, its actor column and its agent index rows.
           "UPDATE statements SET statement = replace(statement, '\"mailto:mailto:', '\"mailto:'),"
           " actor = replace(actor, 'mbox:mailto:mailto:', 'mbox:mailto:')"
           " WHERE instr(statement, '\"mailto:mailto:') > 0;"
           "UPDATE OR IGNORE statement_agents SET agent = replace(agent, 'mbox:mailto:mailto:', 'mbox:mailto:')"
           " WHERE instr(agent, 'mbox:mailto:mailto:') > 0;"
           // A row whose corrected form already existed is a duplicate.
           "DELETE FROM statement_agents WHERE instr(agent, 'mbox:mailto:mailto:') > 0;"},
      }};
}

}  // namespace trellis::store
