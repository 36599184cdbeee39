// How large the write-ahead log file may stay. A checkpoint copies the log into
// the database but leaves the file as large as it ever grew, so a log that grew
// while readers held old snapshots, or that crashes left behind, kept its
// largest size for good (268 MiB was seen after 30 crashes under load). Three
// things bring it back under the limit: every connection sets
// journal_size_limit, so a writer that starts the log over after a complete
// checkpoint cuts the file back; the background checkpointer empties the file
// once a checkpoint has copied all of it; and opening the home does the same
// with what an earlier run left.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>

namespace trellis::store {

// WAL pages at which the writer lane's log is checkpointed: 4,000 (16 MiB)
// rather than SQLite's 1,000 (see DatabasePool).
inline constexpr int kWalCheckpointPages = 4000;
// The file size the log is brought back to: those pages at the default page size.
inline constexpr std::int64_t kWalLimitBytes = std::int64_t{kWalCheckpointPages} * 4096;

// The size of `database_file`'s log ("<file>-wal"); 0 when there is none.
std::uintmax_t wal_file_size(const std::filesystem::path& database_file);

// Copies the whole log into the database and empties its file (a TRUNCATE
// checkpoint) when no other connection is reading or writing it at this moment;
// never waits for one. True when the log file is now empty.
bool truncate_wal_if_idle(sqlite3* db);

}  // namespace trellis::store
