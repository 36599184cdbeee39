// The player's data access for the sessions of content that talks to the LRS
// itself (cmi5 AUs, xAPI launches) and for what cmi5 makes the LMS remember
// of a registration (the blocks and courses it already declared satisfied).
// Callers hold the transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::player {

struct AuSessionRow {
  std::string key;                           // the LRS credential's key
  std::optional<std::string> secret_sha256;  // nullopt until the credential was handed out
  std::optional<std::string> fetch_hash;     // nullopt once redeemed, or for a launch with no fetch URL
  std::optional<std::string> fetched_at;
  std::string registration_id;
  std::string attempt_id;
  std::string session_id;
  std::string rules;  // "cmi5" | "none"
  std::string facts;  // JSON (au_session_facts.hpp)
  std::string launched_at;
  std::optional<std::string> ended;  // "terminated" | "abandoned"
  std::string expires_at;            // the credential and fetch URL work until then
};

class AuSessionStore {
 public:
  explicit AuSessionStore(store::Database& db) : db_(db) {}

  Status insert(const AuSessionRow& row);
  Result<std::optional<AuSessionRow>> find_by_key(const std::string& key);
  // Redeeming a fetch URL: the row whose fetch token hashes to `fetch_hash`,
  // redeemed or not (fetched_at tells).
  Result<std::optional<AuSessionRow>> find_by_fetch(const std::string& fetch_hash);
  // The credential is handed out: the token cannot be redeemed again. False
  // when someone redeemed it first.
  Result<bool> redeem_fetch(const std::string& key, const std::string& secret_sha256, const std::string& fetched_at);
  Status update_facts(const std::string& key, const std::string& facts, const std::optional<std::string>& ended);
  // Sessions of the attempt not yet terminated or abandoned, oldest first.
  Result<std::vector<AuSessionRow>> open_sessions(const std::string& attempt_id);
  // The newest session of the attempt, ended or not.
  Result<std::optional<AuSessionRow>> latest_session(const std::string& attempt_id);

  // Whether the registration already declared `activity_id` satisfied; marks it when not.
  Result<bool> mark_satisfied(const std::string& registration_id, const std::string& activity_id,
                              const std::string& at);

 private:
  store::Database& db_;
};

}  // namespace trellis::player
