// LRS credentials: random key and secret, the secret kept only as a salted
// PBKDF2-SHA256 hash. Checking a secret costs ~100k hash rounds; the one checker
// requests go through (lrs/credential_check.hpp) decides when to spend them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "lrs/cmi5_session_rules.hpp"
#include "store/database.hpp"

namespace trellis::lrs {

struct NewCredentials {
  std::string key;
  std::string secret;
  std::string name;
  std::string scopes;
};

// What a key may do. "all": the xAPI LRS (every resource under /xapi/, and
// records export, and community discussions). "admin": the administration API (plugins, package upload).
// A key may hold both; the xAPI spec's finer OAuth scopes are not offered
// because the LRS does not enforce them, and a scope that is not enforced
// would only mislead the admin who grants it.
inline constexpr std::string_view kScopeXapi = "all";
inline constexpr std::string_view kScopeAdmin = "admin";

// Checks each scope is one of the above; refuses an empty list and repeats.
Status validate_scopes(const std::vector<std::string>& scopes);

// Creates and stores a key; the secret is returned once and never again.
Result<NewCredentials> create_credentials(store::Database& db, const std::string& name,
                                          const std::vector<std::string>& scopes = {std::string(kScopeXapi)});

std::string hash_secret(const std::string& secret);
bool verify_secret(const std::string& secret, const std::string& stored_hash);

// The Agent a key signs statements with (the statement's `authority`).
nlohmann::json authority_for(const std::string& key, const std::string& name);

struct BasicCredentials {
  std::string key;
  std::string secret;
};

// The key and secret of an HTTP Basic Authorization header, unverified; nullopt
// when the header is absent or not Basic "key:secret".
std::optional<BasicCredentials> basic_credentials(const std::string& authorization_header);

// The user name of an HTTP Basic Authorization header, unverified.
std::optional<std::string> basic_user(const std::string& authorization_header);

struct Principal {
  std::string key;
  std::string name;
  nlohmann::json authority;
  std::string scopes;  // space-separated, as stored
  // Set for an AU session's credential: the session as it was when the
  // request came in. Its statements meet the cmi5 rules when au_cmi5_rules.
  std::optional<cmi5::AuSession> au_session;
  bool au_cmi5_rules = false;

  bool has_scope(std::string_view scope) const;
};

}  // namespace trellis::lrs
