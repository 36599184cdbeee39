#include "store/pool.hpp"

namespace trellis::store {

Lease::~Lease() {
  if (pool_ != nullptr && db_ != nullptr) pool_->give_back(std::move(db_));
}

Result<Lease> DatabasePool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  auto db = Database::open_existing(file_);
  if (!db) return db.error();
  return Lease(this, std::make_unique<Database>(std::move(db).value()));
}

void DatabasePool::give_back(std::unique_ptr<Database> db) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < 16) idle_.push_back(std::move(db));
}

void DatabasePool::close_idle() {
  std::lock_guard lock(mutex_);
  idle_.clear();
}

}  // namespace trellis::store
