// The data-access layer of the version file index (table version_files, catalog
// migration 4): which relative paths a course version holds. Callers hold the
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::catalog {

class VersionFileStore {
 public:
  explicit VersionFileStore(store::Database& db) : db_(db) {}

  Status insert(const std::string& course_id, int version, const std::string& path, int64_t size);
  // Set once every file of the version is in the index.
  Status mark_indexed(const std::string& course_id, int version);
  // nullopt: no such version; else whether its index is complete.
  Result<std::optional<bool>> indexed(const std::string& course_id, int version);
  // The stored size of `path` in the version, or nullopt when it is no entry.
  Result<std::optional<int64_t>> find(const std::string& course_id, int version, const std::string& path);

 private:
  store::Database& db_;
};

}  // namespace trellis::catalog
