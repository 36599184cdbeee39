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

Result<WriterLease> DatabasePool::acquire_writer(std::chrono::milliseconds wait) {
  std::unique_lock lock(writer_mutex_, std::defer_lock);
  if (!lock.try_lock_for(wait))
    return make_error(ErrorKind::environment, "the database is busy: another write has held it for " +
                                               std::to_string(wait.count()) + " ms");
  if (!writer_) {
    auto db = Database::open_existing(file_);
    if (!db) return db.error();
    writer_ = std::make_unique<Database>(std::move(db).value());
    // Index pages the batches touch stay in memory instead of being read back
    // from the file at every batch (SQLite's default cache is 2 MiB).
    if (auto st = writer_->exec("PRAGMA cache_size = -32768;"); !st) return st.error();
    if (!checkpointer_) checkpointer_ = std::make_unique<WalCheckpointer>(file_, kWriterCheckpointPages);
    checkpointer_->take_over(writer_->raw());
  }
  return WriterLease(std::move(lock), writer_.get());
}

void DatabasePool::give_back(std::unique_ptr<Database> db) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < 16) idle_.push_back(std::move(db));
}

void DatabasePool::close_idle() {
  {
    std::lock_guard lock(mutex_);
    idle_.clear();
  }
  std::lock_guard writer(writer_mutex_);
  writer_.reset();
  checkpointer_.reset();
}

}  // namespace trellis::store
