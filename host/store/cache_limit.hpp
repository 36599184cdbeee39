// A page-cache ceiling for one stretch of work on a connection, restored after:
// a large write (a big course import) then spills pages to the WAL as it goes
// instead of holding everything it touched, so its memory does not grow with it.
#pragma once

#include <cstdint>
#include <optional>

#include "store/database.hpp"

namespace trellis::store {

class CacheLimit {
 public:
  CacheLimit(Database& db, int64_t kib);
  ~CacheLimit();
  CacheLimit(const CacheLimit&) = delete;
  CacheLimit& operator=(const CacheLimit&) = delete;

 private:
  Database& db_;
  std::optional<int64_t> previous_;  // as PRAGMA cache_size reports it
};

}  // namespace trellis::store
