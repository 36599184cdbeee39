// The AU sessions an LMS opened, as the LRS meets them: a cmi5 AU (or an xAPI
// launch) authenticates with the credential its launch handed out, and the
// LRS must know whose session it is to apply the cmi5 rules to what it sends.
// The player keeps the sessions; the composition root hands its directory to
// the LRS here, so the LRS needs nothing from the player's tables.
//
// An AU credential's key starts with kAuKeyPrefix, so the LRS asks the
// directory only for those and every other key goes through the ordinary
// credential check (ADL's LRS suite never meets an AU session).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "lrs/cmi5_session_rules.hpp"
#include "store/database.hpp"

namespace trellis::lrs {

inline constexpr std::string_view kAuKeyPrefix = "trellis-au-";

struct AuCredential {
  std::string key;
  std::string secret_sha256;  // hex; the secret itself is never stored
  std::string name;           // who the session is, for the authority
  bool cmi5_rules = false;    // a cmi5 AU: its statements and documents meet the cmi5 rules
  cmi5::AuSession session;
};

class AuSessionDirectory {
 public:
  virtual ~AuSessionDirectory() = default;
  // The credential whose key is `key`; nullopt when no session has it (a
  // credential of a finished registration is gone). [thread: any]
  virtual Result<std::optional<AuCredential>> find(store::Database& db, const std::string& key) = 0;
  // Inside the transaction storing an AU's statements: the session as the rules
  // left it, so progress and statements commit together. The directory may
  // record statements the LMS owes in turn (cmi5 "satisfied"). [thread: any]
  virtual Status record_progress(store::Database& db, const std::string& key, const cmi5::AuSession& after) = 0;
};

}  // namespace trellis::lrs
