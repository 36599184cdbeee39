// Connections to the home's database for concurrent request handlers. SQLite
// connections must not be shared between threads at once, so each handler borrows
// one and gives it back when the lease ends.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"
#include "store/wal_checkpointer.hpp"
#include "store/wal_limit.hpp"

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

// The writer lane's connection, held alone until the lease ends.
class WriterLease {
 public:
  WriterLease(std::unique_lock<std::timed_mutex> lock, Database* db) : lock_(std::move(lock)), db_(db) {}
  WriterLease(WriterLease&&) noexcept = default;
  WriterLease& operator=(WriterLease&&) noexcept = default;
  Database& operator*() { return *db_; }
  Database* operator->() { return db_; }

 private:
  std::unique_lock<std::timed_mutex> lock_;
  Database* db_;
};

class DatabasePool {
 public:
  // WAL pages between the writer lane's background checkpoints: 4,000 (16 MiB)
  // rather than SQLite's 1,000, because an index page that many batches touch is
  // copied into the database once per checkpoint, so fewer checkpoints copy fewer
  // pages (ingest measured about 3% faster, less CPU taken from request threads).
  static constexpr int kWriterCheckpointPages = kWalCheckpointPages;

  // `file` must already be migrated (open_home_database does that).
  explicit DatabasePool(std::filesystem::path file) : file_(std::move(file)) {}
  Result<Lease> acquire();
  // The connection of the hot write path (LRS statement batches). Its writers
  // queue on a mutex in this process instead of racing for SQLite's write lock,
  // whose busy handler sleeps whole milliseconds between tries; and as most
  // commits come through it, its page cache stays warm. Hold it only around the
  // write transaction itself (parse and validate before), and never ask for it
  // while holding it. Gives up after `wait` with a busy error, as SQLite would.
  Result<WriterLease> acquire_writer(std::chrono::milliseconds wait = std::chrono::milliseconds(10000));
  // Closes idle connections; used at shutdown so the WAL is checkpointed.
  void close_idle();

 private:
  friend class Lease;
  void give_back(std::unique_ptr<Database> db);
  std::filesystem::path file_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
  std::timed_mutex writer_mutex_;
  // Declared before the writer so the writer's connection closes first.
  std::unique_ptr<WalCheckpointer> checkpointer_;  // guarded by writer_mutex_
  std::unique_ptr<Database> writer_;               // guarded by writer_mutex_
};

}  // namespace trellis::store
