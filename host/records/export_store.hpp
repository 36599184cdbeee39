// Data access for exporting and erasing learning records: a filtered cursor over
// the stored order, and removal of everything kept about one agent. Both select
// statements through the one StatementFilter (records/statement_filter.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "records/statement_filter.hpp"
#include "records/statement_store.hpp"
#include "store/database.hpp"

namespace trellis::records {

// Up to `limit` statements matching `filter`, in stored order (voided ones too
// unless the filter leaves them out: an archive keeps what the LRS kept). Callers
// page by setting the filter's after_seq to the last seq returned and keep
// through_seq at the seq the export began at, so memory stays constant.
Result<std::vector<StoredStatement>> export_page(store::Database& db, const StatementFilter& filter, int limit);

// How many statements `filter` selects: an export's total, counted over the
// same seq window it then reads (one index pass, no statement read whole).
Result<int64_t> count_statements(store::Database& db, const StatementFilter& filter);

Result<int64_t> last_statement_seq(store::Database& db);

// One statement by its stored-order number, voided or not.
Result<std::optional<StoredStatement>> find_statement_by_seq(store::Database& db, int64_t seq);

struct ErasedCounts {
  int64_t statements = 0;
  int64_t state_documents = 0;
  int64_t agent_profiles = 0;
  int64_t activity_profiles = 0;
  int64_t attachments = 0;  // attachment contents no remaining statement uses
};

// Removes every statement that mentions the agent anywhere (actor, object,
// instructor, team, sub-statement), its state and agent-profile documents, and
// the attachments only those statements carried, in the caller's transaction.
Result<ErasedCounts> erase_agent(store::Database& db, const std::string& agent_key);

// Removes the learning records of activities (a deleted course's): every
// statement whose object or any other activity is one of the IRIs or lies below
// it, the state and activity-profile documents of those activities, and the
// attachments only those statements carried, in the caller's transaction.
Result<ErasedCounts> erase_activities(store::Database& db, const std::vector<std::string>& activity_iris);

}  // namespace trellis::records
