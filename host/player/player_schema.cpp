// Tables of the player: learners, their registrations on a course version, the
// attempts on each launchable module, and the launch tokens that authorise the
// content origin. A registration keeps the version it started on, so a re-import
// never changes the course under a learner; attempts point at `modules.id`,
// which the catalog keeps across versions.
#include "player/player_schema.hpp"

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain player_schema() {
  return SchemaDomain{
      "player",
      {
          {1,
           "CREATE TABLE learners ("
           " id TEXT PRIMARY KEY CHECK (id <> ''),"
           " name TEXT NOT NULL,"
           " email TEXT,"
           " account TEXT,"
           " created_at TEXT NOT NULL);"
           "CREATE TABLE registrations ("
           " id TEXT PRIMARY KEY,"
           " xapi_registration TEXT NOT NULL UNIQUE,"
           " learner_id TEXT NOT NULL REFERENCES learners(id),"
           " course_id TEXT NOT NULL REFERENCES courses(id),"
           " version INTEGER NOT NULL,"
           " created_at TEXT NOT NULL,"
           " finished INTEGER NOT NULL DEFAULT 0,"
           " waived TEXT,"
           " FOREIGN KEY (course_id, version) REFERENCES course_versions(course_id, version));"
           // One registration in progress per learner and course: relaunch reuses it.
           "CREATE UNIQUE INDEX registrations_in_progress ON registrations(learner_id, course_id) WHERE finished = 0;"
           "CREATE TABLE attempts ("
           " id TEXT PRIMARY KEY,"
           " registration_id TEXT NOT NULL REFERENCES registrations(id),"
           " module_id TEXT NOT NULL REFERENCES modules(id),"
           " number INTEGER NOT NULL,"
           // The flattened data model (JSON) the runtime last answered; NULL before the first commit.
           " state TEXT,"
           " status TEXT NOT NULL DEFAULT '{}',"
           " last_seq INTEGER NOT NULL DEFAULT 0,"
           // last_seq when the current session was launched: its first commit is last_seq + 1.
           " session_seq INTEGER NOT NULL DEFAULT 0,"
           // The last accepted commit's body digest and answer, so a replay gets the same answer.
           " last_commit_sha256 TEXT,"
           " last_answer TEXT,"
           " open INTEGER NOT NULL DEFAULT 1,"
           " created_at TEXT NOT NULL,"
           " updated_at TEXT NOT NULL,"
           " UNIQUE (registration_id, module_id, number));"
           "CREATE UNIQUE INDEX attempts_open ON attempts(registration_id, module_id) WHERE open = 1;"
           "CREATE TABLE launch_tokens ("
           // SHA-256 of the token: the token itself is never stored.
           " hash TEXT PRIMARY KEY,"
           " registration_id TEXT NOT NULL REFERENCES registrations(id),"
           " attempt_id TEXT REFERENCES attempts(id),"
           " purpose TEXT NOT NULL,"
           " expires_at TEXT NOT NULL);"
           "CREATE INDEX launch_tokens_by_registration ON launch_tokens(registration_id);"},
          // Sessions of content that talks to the LRS itself (cmi5 AUs, xAPI
          // launches): each holds the LRS credential its launch handed out.
          {2,
           "CREATE TABLE au_sessions ("
           // The credential's key (trellis-au-...); its secret is kept as a digest only.
           " key TEXT PRIMARY KEY,"
           " secret_sha256 TEXT,"
           // SHA-256 of the fetch URL's one-time token; NULL once redeemed or for a launch with no fetch URL.
           " fetch_hash TEXT UNIQUE,"
           " fetched_at TEXT,"
           " registration_id TEXT NOT NULL REFERENCES registrations(id),"
           " attempt_id TEXT NOT NULL REFERENCES attempts(id),"
           " session_id TEXT NOT NULL UNIQUE,"
           " rules TEXT NOT NULL CHECK (rules IN ('cmi5', 'none')),"
           // What the LRS's rules know of the session (JSON), updated with each accepted request.
           " facts TEXT NOT NULL,"
           " launched_at TEXT NOT NULL,"
           " ended TEXT CHECK (ended IN ('terminated', 'abandoned')),"
           // The launch token's expiry: a credential in a URL must not outlive the launch.
           " expires_at TEXT NOT NULL);"
           "CREATE INDEX au_sessions_by_attempt ON au_sessions(attempt_id);"
           // Blocks and courses whose cmi5 moveOn the registration met: "satisfied" is written once.
           "CREATE TABLE satisfied_activities ("
           " registration_id TEXT NOT NULL REFERENCES registrations(id),"
           " activity_id TEXT NOT NULL,"
           " satisfied_at TEXT NOT NULL,"
           " PRIMARY KEY (registration_id, activity_id));"},
      }};
}

}  // namespace trellis::store
