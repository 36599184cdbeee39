#include "records/statement_filter.hpp"

#include <functional>
#include <utility>

namespace trellis::records {
namespace {

class Params {
 public:
  // The placeholder for a new value; one value may be used several times.
  std::string add(SqlValue value) {
    binds_.push_back(std::move(value));
    return "?" + std::to_string(binds_.size());
  }
  std::vector<SqlValue> take() { return std::move(binds_); }

 private:
  std::vector<SqlValue> binds_;
};

using Match = std::function<std::string(const std::string& column)>;

// The IRI itself, or one below it (a path, fragment or query under it): three
// range comparisons the (activity, ...) indexes answer, instead of LIKE.
Match in_course(const std::string& p) {
  return [p](const std::string& c) { return at_or_below_iri(c, p); };
}

Match equals(const std::string& p) {
  return [p](const std::string& c) { return c + " = " + p; };
}

// Where an agent or activity is found: the actor and the object activity are the
// statement row's own columns (see store_statements), every other mention a row
// of the side table, with related = 0 in the actor/object places.
struct Mention {
  const char* column;       // in statements
  const char* side_table;   // statement_agents / statement_activities
  const char* side_column;  // agent / activity
  bool anywhere;            // side rows with related = 1 count too
};

// Two shapes, one meaning. Read in seq order a window at a time (export and
// forwarding pages), each row is checked where it stands: the side table's seq
// index answers the EXISTS, and a page costs what it reads. Otherwise (the
// StatementRef closure, erasure) the matching seqs come from the agent/activity
// indexes first, so a rare agent among millions of statements costs its own rows.
std::string mention(const Mention& m, const Match& match, bool by_row) {
  std::string related = m.anywhere ? "" : " AND x.related = 0";
  if (by_row)
    return "(" + match(std::string("statements.") + m.column) + " OR EXISTS (SELECT 1 FROM " + m.side_table +
           " x WHERE x.seq = statements.seq AND " + match(std::string("x.") + m.side_column) + related + "))";
  return "seq IN (SELECT seq FROM statements WHERE " + match(m.column) + " UNION ALL SELECT seq FROM " +
         m.side_table + " WHERE " + match(m.side_column) + (m.anywhere ? "" : " AND related = 0") + ")";
}

std::string joined(const std::vector<std::string>& conditions) {
  std::string out;
  for (const auto& c : conditions) out += (out.empty() ? "" : " AND ") + c;
  return out;
}

// What selects statements by content: agent, verb, activity, course, registration.
std::vector<std::string> content_conditions(const StatementFilter& f, Params& params, bool by_row) {
  std::vector<std::string> out;
  if (f.agent)
    out.push_back(mention({"actor", "statement_agents", "agent", f.related_agents}, equals(params.add(*f.agent)),
                          by_row));
  if (f.verb) out.push_back("verb = " + params.add(*f.verb));
  if (f.activity)
    out.push_back(mention({"activity", "statement_activities", "activity", f.related_activities},
                          equals(params.add(*f.activity)), by_row));
  if (f.course)
    out.push_back(
        mention({"activity", "statement_activities", "activity", true}, in_course(params.add(*f.course)), by_row));
  if (f.registration) out.push_back("registration = " + params.add(*f.registration));
  return out;
}

}  // namespace

std::string at_or_below_iri(const std::string& c, const std::string& p) {
  return "(" + c + " = " + p + " OR (" + c + " > " + p + " || '/' AND " + c + " < " + p + " || '0') OR (" + c + " > " +
         p + " || '#' AND " + c + " < " + p + " || '$') OR (" + c + " > " + p + " || '?' AND " + c + " < " + p +
         " || '@'))";
}

FilterSql filter_sql(const StatementFilter& f) {
  Params params;
  std::vector<std::string> conditions;
  bool by_row = !f.with_referrers && (f.after_seq || f.through_seq);
  auto content = content_conditions(f, params, by_row);
  if (f.with_referrers && !content.empty()) {
    conditions.push_back("id IN (WITH RECURSIVE hit(id) AS (SELECT id FROM statements WHERE " + joined(content) +
                         " UNION SELECT s.id FROM statements s JOIN hit ON s.object_statement = hit.id)"
                         " SELECT id FROM hit)");
  } else {
    conditions.insert(conditions.end(), content.begin(), content.end());
  }
  // These apply to the statements returned, referrers included.
  if (f.voided == Voided::left_out) conditions.push_back("voided = 0");
  if (f.after_seq) conditions.push_back("seq > " + params.add(*f.after_seq));
  if (f.through_seq) conditions.push_back("seq <= " + params.add(*f.through_seq));
  if (f.since) conditions.push_back("stored > " + params.add(*f.since));
  if (f.until) conditions.push_back("stored <= " + params.add(*f.until));
  return {conditions.empty() ? "1" : joined(conditions), params.take()};
}

void bind_filter(store::Statement& statement, const FilterSql& sql) {
  for (size_t i = 0; i < sql.binds.size(); ++i)
    std::visit([&](const auto& value) { statement.bind(static_cast<int>(i + 1), value); }, sql.binds[i]);
}

}  // namespace trellis::records
