// Checkpoints the write-ahead log on a thread and connection of its own, so the
// commits of the writer lane never run one. A checkpoint copies the logged pages
// into the database file and syncs it; run by SQLite inside whichever commit
// crosses the threshold, it was a fifth of the LRS ingest time, all of it spent
// holding the write lock. PASSIVE checkpoints take no lock writers need.
// A PASSIVE checkpoint never shrinks the log file, and it cannot finish while a
// reader holds an older snapshot: so once one has copied the whole log, the file
// is emptied (store/wal_limit.hpp) if nothing uses it just then, and while the
// file stays over the limit the thread tries again every `retry` even when no
// commit wakes it, so the log comes back under its limit after the load ends.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace trellis::store {

class WalCheckpointer {
 public:
  // `threshold_pages`: WAL size at which a checkpoint is due (SQLite's own default is 1000).
  explicit WalCheckpointer(std::filesystem::path file, int threshold_pages = 1000,
                           std::chrono::milliseconds retry = std::chrono::seconds(1));
  ~WalCheckpointer();  // stops the thread after a last checkpoint
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Replaces `writer`'s automatic checkpoints with this thread's. The connection
  // must outlive this object or be closed before it is destroyed.
  void take_over(sqlite3* writer);

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void run();
  // One checkpoint; true when the log file is back under the limit.
  bool checkpoint(sqlite3* db);

  std::filesystem::path file_;
  int threshold_pages_;
  std::chrono::milliseconds retry_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;       // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace trellis::store
