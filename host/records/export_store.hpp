// Data access for exporting and erasing learning records: a filtered cursor over
// the stored order, and removal of everything kept about one agent. The SQL for
// both lives here, beside statement_store.cpp, in the `records` domain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "records/statement_store.hpp"
#include "store/database.hpp"

namespace trellis::records {

struct ExportFilter {
  std::optional<std::string> since;  // normalized stored timestamp, exclusive
  std::optional<std::string> until;  // inclusive
  std::optional<std::string> verb;
  std::optional<std::string> agent;  // agent key: the actor or the object
  // The course's activity IRI: statements whose object or context activities are
  // that IRI or below it (the IRI followed by '/', '#' or '?').
  std::optional<std::string> course;
};

// Up to `limit` statements with after_seq < seq <= up_to_seq matching `filter`,
// in stored order (voided ones included: an archive keeps what the LRS kept).
// Callers page by passing the last seq back as after_seq, so memory stays constant.
Result<std::vector<StoredStatement>> export_page(store::Database& db, const ExportFilter& filter, int64_t after_seq,
                                                 int64_t up_to_seq, int limit);

// The highest seq stored (0 when none): exports stop there so a long export is a
// snapshot even while statements keep arriving.
Result<int64_t> last_statement_seq(store::Database& db);

// One statement by its stored-order number, voided or not.
Result<std::optional<StoredStatement>> find_statement_by_seq(store::Database& db, int64_t seq);

struct ErasedCounts {
  int64_t statements = 0;
  int64_t state_documents = 0;
  int64_t agent_profiles = 0;
  int64_t attachments = 0;  // attachment contents no remaining statement uses
};

// Removes every statement that mentions the agent anywhere (actor, object,
// instructor, team, sub-statement), its state and agent-profile documents, and
// the attachments only those statements carried, in the caller's transaction.
Result<ErasedCounts> erase_agent(store::Database& db, const std::string& agent_key);

}  // namespace trellis::records
