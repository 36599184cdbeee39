// Data access for xAPI statements: the only code that reads or writes the
// statements tables. The LRS (host/lrs) validates and indexes a statement, then
// hands it here; exporters and `learner forget` build on the same functions.
//
// Storage contract (for exporters and other readers):
//  - `seq` is the stored order. It only grows; a statement's `stored` timestamp
//    grows with it (microsecond precision, strictly increasing), so "everything
//    after cursor N" is `seq > N` and never misses a statement committed later.
//  - `statement` is the statement exactly as the LRS returns it in the `exact`
//    format (id, timestamp, stored, authority, version all set).
//  - `actor`, `verb`, `activity`, `registration` are indexed columns; an agent is
//    keyed by its inverse functional identifier (see xapi/agent.hpp agent_key).
//  - `statement_agents` / `statement_activities` hold every other agent and
//    activity a statement names (related = 1 outside the actor/object places).
//    Since 2026-11-26 the actor and the object activity are not repeated there
//    (rows written before may be): a reader looks in both places.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "records/statement_filter.hpp"
#include "store/database.hpp"

namespace trellis::records {

// A validated statement and what it is found by. `statement` gets `stored` set
// at insertion time.
struct NewStatement {
  nlohmann::json statement;
  std::string id;
  std::string actor;  // agent key, or "" for an anonymous group
  std::string verb;
  std::optional<std::string> activity;          // object activity id
  std::optional<std::string> object_statement;  // StatementRef target
  std::optional<std::string> registration;
  std::string authority_key;
  bool is_voiding = false;                      // verb voided + StatementRef
  std::vector<std::pair<std::string, bool>> agents;      // (agent key, related-only)
  std::vector<std::pair<std::string, bool>> activities;  // (activity id, related-only)
  std::vector<std::pair<std::string, nlohmann::json>> definitions;  // activity id -> definition
};

struct NewAttachment {
  std::string sha2;
  std::string content_type;
  std::string content;
};

struct StoredStatement {
  int64_t seq = 0;
  std::string id;
  std::string stored;
  bool voided = false;
  std::string statement;  // JSON text
};

// Decides whether an incoming statement with an id already stored is the same
// statement (then it is skipped) or a conflict.
using SameStatement = std::function<bool(const nlohmann::json& stored, const nlohmann::json& incoming)>;

// Stores a batch in one transaction: every statement or none. Fails with
// `conflict` when an id is stored with different content, `invalid_input` when a
// voiding statement targets another voiding statement. Returns the ids in order.
Result<std::vector<std::string>> insert_statements(store::Database& db, std::vector<NewStatement>&& batch,
                                                   const std::vector<NewAttachment>& attachments,
                                                   const SameStatement& same);
// The same inside the caller's transaction, for changes elsewhere in the host that
// are recorded as statements (community posts): both commit or neither does.
Result<std::vector<std::string>> store_statements(store::Database& db, std::vector<NewStatement>&& batch,
                                                  const std::vector<NewAttachment>& attachments,
                                                  const SameStatement& same);

// By id; `voided` tells whether it has been voided.
Result<std::optional<StoredStatement>> find_statement(store::Database& db, const std::string& id);

// The xAPI GET: what to match and which page of it.
struct StatementQuery {
  // The content filters; query_statements adds what the GET always means
  // (referrers match, voided statements are left out) and the paging's seq bounds.
  StatementFilter filter;
  int limit = 0;  // 0: the server's maximum
  bool ascending = false;
  // Paging: the snapshot bound (statements stored later are not part of this
  // result) and the last seq already returned.
  std::optional<int64_t> max_seq;
  std::optional<int64_t> after_seq;
};

struct StatementPage {
  std::vector<StoredStatement> statements;
  bool more = false;
  int64_t max_seq = 0;  // snapshot bound to carry into the next page
};

// Matches the xAPI GET filters, including statements that target (StatementRef)
// a matching statement; voided statements are left out.
Result<StatementPage> query_statements(store::Database& db, const StatementQuery& query);

// The latest `stored` value, or "" when nothing is stored.
Result<std::string> latest_stored(store::Database& db);

Result<std::optional<NewAttachment>> find_attachment(store::Database& db, const std::string& sha2);

// The merged definition of an activity, or nullopt if no statement defined it.
Result<std::optional<nlohmann::json>> find_activity_definition(store::Database& db, const std::string& id);

// Streams statements with seq > after_seq in stored order, at most `limit` (0: all),
// calling `visit` for each until it returns false. Constant memory.
Status for_each_statement(store::Database& db, int64_t after_seq, int64_t limit,
                          const std::function<bool(const StoredStatement&)>& visit);

}  // namespace trellis::records
