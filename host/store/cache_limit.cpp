#include "store/cache_limit.hpp"

#include <string>

namespace trellis::store {

CacheLimit::CacheLimit(Database& db, int64_t kib) : db_(db) {
  auto current = db_.prepare("PRAGMA cache_size");
  if (!current) return;
  auto row = current->step();
  if (!row || !row.value()) return;
  previous_ = current->integer(0);
  // A ceiling only: a connection already smaller keeps its size.
  int64_t current_kib = *previous_ < 0 ? -*previous_ : *previous_ * 4;  // pages of 4 KiB by default
  if (current_kib <= kib || !db_.exec("PRAGMA cache_size = " + std::to_string(-kib))) previous_.reset();
}

CacheLimit::~CacheLimit() {
  if (previous_) (void)db_.exec("PRAGMA cache_size = " + std::to_string(*previous_));
}

}  // namespace trellis::store
