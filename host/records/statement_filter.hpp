// The one statement filter every reader of the statements table uses: the LRS
// GET (query_statements), export and forwarding (export_page) and erasure
// (erase_agent), and the one function that turns it into SQL. Values arrive
// normalized: reading what users type is the LRS's job (lrs/filter_text.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "store/database.hpp"

namespace trellis::records {

enum class Voided { kept, left_out };

struct StatementFilter {
  std::optional<std::string> agent;  // agent key (xapi/agent.hpp): the actor or the object
  bool related_agents = false;       // ... or anywhere else (context, authority, team, sub-statement)
  std::optional<std::string> verb;
  std::optional<std::string> activity;  // the object activity
  bool related_activities = false;      // ... or any other activity the statement names
  // A course's activity IRI: statements whose object or any other activity is
  // that IRI or below it (the IRI followed by '/', '#' or '?').
  std::optional<std::string> course;
  std::optional<std::string> registration;
  // xAPI 2.1.3 ("Filter Conditions for StatementRefs"): statements that target a
  // statement matching the filters above through a StatementRef match as well.
  bool with_referrers = false;
  std::optional<std::string> since;  // normalized stored timestamps, exclusive
  std::optional<std::string> until;  // inclusive
  Voided voided = Voided::kept;
  std::optional<int64_t> after_seq;    // seq > after_seq
  std::optional<int64_t> through_seq;  // seq <= through_seq
};

using SqlValue = std::variant<std::string, int64_t>;

// A condition on the `statements` table for a WHERE clause and the values for
// its parameters ?1..?N, in order.
struct FilterSql {
  std::string where;
  std::vector<SqlValue> binds;
};

FilterSql filter_sql(const StatementFilter& filter);

// SQL true when `column` holds the IRI bound at `placeholder` ("?1") or one
// below it (followed by '/', '#' or '?'): range comparisons an index answers.
std::string at_or_below_iri(const std::string& column, const std::string& placeholder);

// Binds `sql.binds` onto a statement prepared from SQL that embeds `sql.where`.
void bind_filter(store::Statement& statement, const FilterSql& sql);

}  // namespace trellis::records
