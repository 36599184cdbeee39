#include "store/wal_checkpointer.hpp"

#include <optional>

#include "core/log.hpp"
#include "store/database.hpp"

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
  // Opened on the first checkpoint, through the same wrapper as every other
  // connection, so it syncs as they do (synchronous = NORMAL).
  std::optional<Database> db;
  auto checkpoint = [&] {
    if (!db) {
      auto opened = Database::open_existing(file_);
      if (!opened) return log::warn("store", "WAL checkpoints: " + opened.error().message);
      db.emplace(std::move(opened).value());
    }
    int rc = sqlite3_wal_checkpoint_v2(db->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
      log::warn("store", std::string("WAL checkpoint failed: ") + sqlite3_errmsg(db->raw()));
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
}

}  // namespace trellis::store
