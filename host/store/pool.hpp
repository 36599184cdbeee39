// Connections to the home's database for concurrent request handlers. SQLite
// connections must not be shared between threads at once, so each handler borrows
// one and gives it back when the lease ends.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::store {

class DatabasePool;

class Lease {
 public:
  Lease(DatabasePool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
  Lease(Lease&&) noexcept = default;
  Lease& operator=(Lease&&) noexcept = default;
  ~Lease();
  Database& operator*() { return *db_; }
  Database* operator->() { return db_.get(); }

 private:
  DatabasePool* pool_;
  std::unique_ptr<Database> db_;
};

class DatabasePool {
 public:
  // `file` must already be migrated (open_home_database does that).
  explicit DatabasePool(std::filesystem::path file) : file_(std::move(file)) {}
  Result<Lease> acquire();
  // Closes idle connections; used at shutdown so the WAL is checkpointed.
  void close_idle();

 private:
  friend class Lease;
  void give_back(std::unique_ptr<Database> db);
  std::filesystem::path file_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace trellis::store
