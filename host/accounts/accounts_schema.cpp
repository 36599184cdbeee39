// Tables of the console's accounts: users with a role, the sessions their
// browsers hold, and one-time invitations. Secrets are never stored: a
// password as its Argon2id string (salt and cost inside), a session or
// invitation token as its SHA-256.
#include "accounts/accounts_schema.hpp"

namespace trellis::store {

SchemaDomain accounts_schema() {
  return SchemaDomain{
      "accounts",
      {
          {1,
           "CREATE TABLE users ("
           " name TEXT PRIMARY KEY CHECK (name <> ''),"
           " role TEXT NOT NULL CHECK (role IN ('admin', 'designer', 'learner')),"
           // NULL until an invitation is taken up: no password logs in.
           " password_hash TEXT,"
           " created_at TEXT NOT NULL);"
           "CREATE TABLE sessions ("
           " token_sha256 TEXT PRIMARY KEY,"
           " user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,"
           // Sent back by the page with every state-changing request (double submit).
           " csrf_token TEXT NOT NULL,"
           " created_at TEXT NOT NULL,"
           " expires_at TEXT NOT NULL);"
           "CREATE INDEX sessions_of_user ON sessions(user_name);"
           "CREATE TABLE invites ("
           " token_sha256 TEXT PRIMARY KEY,"
           " user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,"
           " expires_at TEXT NOT NULL);"},
      }};
}

}  // namespace trellis::store
