// Tables of the `outbox` domain: forwarding of statements to other LRSs. Each
// destination keeps a cursor (the last statement seq handed over) and its own
// backoff; statements that could not go yet (pending) or that the destination
// refused (parked) wait in the outbox. Only records/outbox_store.cpp touches them.
#include "records/outbox_schema.hpp"

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain outbox_schema() {
  return SchemaDomain{
      "outbox",
      {
          {1,
           "CREATE TABLE forward_destinations ("
           " name TEXT PRIMARY KEY,"
           " cursor_seq INTEGER NOT NULL DEFAULT 0,"
           " failures INTEGER NOT NULL DEFAULT 0,"
           " next_attempt INTEGER NOT NULL DEFAULT 0,"  // unix micros
           " last_error TEXT NOT NULL DEFAULT '',"
           " last_run TEXT NOT NULL DEFAULT '');"
           // state: pending (will be retried at next_attempt) | parked (refused; replay re-sends).
           // No foreign key to statements: that table lives in another domain; an
           // item whose statement was erased is dropped when next seen.
           "CREATE TABLE outbox ("
           " destination TEXT NOT NULL REFERENCES forward_destinations(name) ON DELETE CASCADE,"
           " seq INTEGER NOT NULL,"
           " statement_id TEXT NOT NULL,"
           " state TEXT NOT NULL,"
           " attempts INTEGER NOT NULL DEFAULT 0,"
           " next_attempt INTEGER NOT NULL DEFAULT 0,"
           " reason TEXT NOT NULL DEFAULT '',"
           " updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
           " PRIMARY KEY (destination, seq));"
           "CREATE INDEX outbox_due ON outbox(destination, state, next_attempt);"},
      }};
}

}  // namespace trellis::store
