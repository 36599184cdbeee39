// Data access for the LRS's credentials. Secrets are never stored, only their
// salted hash (see lrs/credentials.hpp); revoked keys stay listed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::records {

struct LrsKey {
  std::string key;
  std::string name;
  std::string secret_hash;
  std::string scopes;  // space-separated xAPI scopes, e.g. "all"
  std::string created;
  std::optional<std::string> revoked;
};

Status insert_key(store::Database& db, const LrsKey& key);
Result<std::vector<LrsKey>> list_keys(store::Database& db);
Result<std::optional<LrsKey>> find_key(store::Database& db, const std::string& key);
// Fails with not_found for an unknown key; revoking twice is harmless.
Status revoke_key(store::Database& db, const std::string& key);

}  // namespace trellis::records
