// The player's AU sessions as the LRS asks for them (lrs/au_session_directory.hpp):
// the credential a launch handed out, the session's cmi5 facts, and what an
// accepted request changes: the session, the attempt's status (so a
// registration's progress shows cmi5 AUs beside SCOs) and the "satisfied"
// statements the LMS then owes.
#pragma once

#include "lrs/au_session_directory.hpp"

namespace trellis::player {

class PlayerAuDirectory : public lrs::AuSessionDirectory {
 public:
  Result<std::optional<lrs::AuCredential>> find(store::Database& db, const std::string& key) override;
  Status record_progress(store::Database& db, const std::string& key, const lrs::cmi5::AuSession& after) override;
};

}  // namespace trellis::player
