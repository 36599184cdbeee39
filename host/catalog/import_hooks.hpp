// What the catalog announces about an import, for other domains to act on
// without the catalog knowing them. The composition root (app/runtime.cpp)
// subscribes the knowledge index and the suggestions.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::catalog {

struct StoredVersion {
  std::string course_id;
  int version = 0;
};

struct ImportHooks {
  // A version's rows are written; called inside the import's transaction on its
  // connection, so what a subscriber writes commits (or rolls back) with the
  // version. A failure fails the import.
  std::function<Status(store::Database& db, const StoredVersion& stored)> version_stored;
  // The import has committed and the catalog holds no lock of its own. A
  // subscriber may add fields to the report (the CLI waits for them) or queue
  // its work and add nothing (the server does). It cannot fail the import.
  std::function<void(const StoredVersion& stored, nlohmann::json& report)> import_committed;
};

}  // namespace trellis::catalog
