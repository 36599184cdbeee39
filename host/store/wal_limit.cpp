#include "store/wal_limit.hpp"

#include <system_error>

#include "store/database.hpp"

namespace trellis::store {

std::uintmax_t wal_file_size(const std::filesystem::path& database_file) {
  std::error_code ec;
  auto size = std::filesystem::file_size(database_file.string() + "-wal", ec);
  return ec ? 0 : size;
}

bool truncate_wal_if_idle(sqlite3* db) {
  // Without a busy handler the checkpoint gives up at once when a writer holds
  // the lock or a reader still uses the log, instead of blocking the writer
  // lane (which it would hold up while waiting) for the busy timeout.
  sqlite3_busy_handler(db, nullptr, nullptr);
  int log_frames = -1, copied_frames = -1;
  int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &copied_frames);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  return rc == SQLITE_OK && log_frames == 0;
}

}  // namespace trellis::store
