#include "store/wal_checkpointer.hpp"

#include <optional>

#include "core/log.hpp"
#include "store/database.hpp"
#include "store/wal_limit.hpp"

namespace trellis::store {

WalCheckpointer::WalCheckpointer(std::filesystem::path file, int threshold_pages, std::chrono::milliseconds retry)
    : file_(std::move(file)), threshold_pages_(threshold_pages), retry_(retry) {
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

bool WalCheckpointer::checkpoint(sqlite3* db) {
  int log_frames = -1, copied_frames = -1;
  int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied_frames);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    log::warn("store", std::string("WAL checkpoint failed: ") + sqlite3_errmsg(db));
  if (wal_file_size(file_) <= static_cast<std::uintmax_t>(kWalLimitBytes)) return true;
  // Emptying the file is only worth its brief write lock once every frame is in
  // the database; before that a reader's snapshot still needs the log.
  if (rc == SQLITE_OK && log_frames >= 0 && copied_frames == log_frames) truncate_wal_if_idle(db);
  return wal_file_size(file_) <= static_cast<std::uintmax_t>(kWalLimitBytes);
}

void WalCheckpointer::run() {
  // Opened on the first checkpoint, through the same wrapper as every other
  // connection, so it syncs as they do (synchronous = NORMAL).
  std::optional<Database> db;
  auto checkpoint_once = [&] {
    if (!db) {
      auto opened = Database::open_existing(file_);
      if (!opened) {
        log::warn("store", "WAL checkpoints: " + opened.error().message);
        return true;  // nothing to retry with; the next commit tries again
      }
      db.emplace(std::move(opened).value());
    }
    return checkpoint(db->raw());
  };
  bool settled = true;
  std::unique_lock lock(mutex_);
  for (;;) {
    auto woken = [this] { return due_ || stopping_; };
    if (settled)
      wake_.wait(lock, woken);
    else
      wake_.wait_for(lock, retry_, woken);
    bool last = stopping_;
    due_ = false;
    lock.unlock();
    settled = checkpoint_once();
    lock.lock();
    if (last) break;
  }
}

}  // namespace trellis::store
