// Test helper: stores statements the way the LRS does (prepared, indexed, one
// transaction per batch) straight through the records data-access layer.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lrs/credentials.hpp"
#include "lrs/statement_prep.hpp"
#include "records/statement_store.hpp"

namespace trellis::testing {

inline const std::string kCompleted = "http://adlnet.gov/expapi/verbs/completed";

inline nlohmann::json make_statement(const std::string& mbox, const std::string& verb, const std::string& activity,
                                     const std::string& parent = {}) {
  nlohmann::json s = {{"actor", {{"mbox", "mailto:" + mbox}, {"name", "Learner, \"" + mbox + "\""}}},
                      {"verb", {{"id", verb}, {"display", {{"en-US", "did"}}}}},
                      {"object", {{"id", activity}}}};
  if (!parent.empty()) s["context"]["contextActivities"]["parent"] = nlohmann::json::array({{{"id", parent}}});
  return s;
}

// Declares an attachment on `statement` (the statement side of what the LRS
// stores); its content goes to seed_statements' `attachments`.
inline nlohmann::json with_attachment(nlohmann::json statement, const std::string& sha2) {
  statement["attachments"].push_back({{"usageType", "http://example.org/usage/evidence"},
                                      {"display", {{"en-US", "evidence"}}},
                                      {"contentType", "text/plain"},
                                      {"length", 4},
                                      {"sha2", sha2}});
  return statement;
}

inline std::vector<std::string> seed_statements(store::Database& db, const std::vector<nlohmann::json>& statements,
                                                const std::vector<records::NewAttachment>& attachments = {}) {
  auto authority = lrs::authority_for("testkey", "tests");
  std::vector<records::NewStatement> batch;
  for (const auto& s : statements) batch.push_back(lrs::prepare_statement(s, xapi::XapiVersion::v1_0, authority));
  auto ids = records::insert_statements(db, std::move(batch), attachments, &lrs::same_statement);
  if (!ids) throw std::runtime_error(ids.error().message);
  return *ids;
}

}  // namespace trellis::testing
