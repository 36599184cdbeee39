#include "store/wal_checkpointer.hpp"

#include "core/log.hpp"

namespace trellis::store {

WalCheckpointer::WalCheckpointer(std::filesystem::path file, int threshold_pages)
    : file_(std::move(file)), threshold_pages_(threshold_pages) {
  thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WalCheckpointer::take_over(sqlite3* writer) { sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, this); }

// Called by SQLite after each commit of the writer, on the committing thread, with
// the writer's lock released: only a flag is set here.
int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int wal_pages) {
  auto* me = static_cast<WalCheckpointer*>(self);
  if (wal_pages < me->threshold_pages_) return SQLITE_OK;
  {
    std::lock_guard lock(me->mutex_);
    me->due_ = true;
  }
  me->wake_.notify_one();
  return SQLITE_OK;
}

void WalCheckpointer::run() {
  sqlite3* db = nullptr;
  auto checkpoint = [&] {
    if (db == nullptr && sqlite3_open_v2(file_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      log::warn("store", "WAL checkpoints: cannot open " + file_.string() + ": " + sqlite3_errmsg(db));
      sqlite3_close_v2(db);
      db = nullptr;
      return;
    }
    sqlite3_busy_timeout(db, 1000);
    // The connection's own setting decides how the checkpoint syncs.
    sqlite3_exec(db, "PRAGMA synchronous = NORMAL;", nullptr, nullptr, nullptr);
    int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) log::warn("store", std::string("WAL checkpoint failed: ") + sqlite3_errmsg(db));
  };
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return due_ || stopping_; });
    bool last = stopping_;
    due_ = false;
    lock.unlock();
    checkpoint();
    lock.lock();
    if (last) break;
  }
  if (db != nullptr) sqlite3_close_v2(db);
}

}  // namespace trellis::store
