#include "lrs/host_statements.hpp"

#include <nlohmann/json.hpp>

#include "lrs/statement_prep.hpp"
#include "lrs/statement_validator.hpp"
#include "records/statement_store.hpp"

namespace trellis::lrs {

Status record_host_statement(store::Database& db, nlohmann::json statement, const nlohmann::json& authority) {
  if (auto valid = validate_statement(statement, xapi::XapiVersion::v1_0); !valid)
    return make_error(ErrorKind::internal, "host statement refused by the LRS rules: " + valid.error().message);
  std::vector<records::NewStatement> batch;
  batch.push_back(prepare_statement(std::move(statement), xapi::XapiVersion::v1_0, authority));
  auto ids = records::store_statements(db, std::move(batch), {}, &same_statement);
  if (!ids) return ids.error();
  return {};
}

}  // namespace trellis::lrs
