// The write-ahead log's file comes back under its limit: after a load that
// readers kept from being checkpointed, and when a crashed run left it large.
// Real SQLite files; sizes are read from the file system.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "core/home.hpp"
#include "store/database.hpp"
#include "store/pool.hpp"
#include "store/store.hpp"
#include "store/wal_limit.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace trellis;
using store::Database;

namespace {

const auto kLimit = static_cast<std::uintmax_t>(store::kWalLimitBytes);

// Rows of about one page each: `pages` of them fill about as many WAL frames.
// No REQUIRE inside: a forked child runs it too, and must not throw into Catch.
bool write_pages(Database& db, int pages) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return false;
  auto insert = db.prepare("INSERT INTO t(n, pad) VALUES(?1, ?2)");
  if (!insert) return false;
  std::string pad(3000, 'p');
  for (int i = 0; i < pages; ++i) {
    insert->reset();
    if (!insert->bind(1, i).bind(2, pad).run()) return false;
  }
  return tx->commit().ok();
}

int64_t rows_in(const fs::path& file) {
  auto db = Database::open_existing(file);
  REQUIRE(db);
  auto count = db->prepare("SELECT count(*) FROM t");
  REQUIRE(count);
  REQUIRE(count->step().value());
  return count->integer(0);
}

template <typename Done>
bool within_ten_seconds(Done done) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return done();
}

}  // namespace

TEST_CASE("the WAL file returns under its limit once the reader that kept it from being checkpointed lets go",
          "[store][wal]") {
  testing::TempDir dir;
  auto file = dir / "wal.db";
  {
    auto db = Database::open(file);
    REQUIRE(db);
    REQUIRE(db->exec("PRAGMA journal_mode = WAL; CREATE TABLE t(n INTEGER, pad TEXT)").ok());
  }
  store::DatabasePool pool(file);
  auto reader = Database::open_existing(file);
  REQUIRE(reader);
  // A read transaction holds its snapshot: no checkpoint may copy frames past it.
  REQUIRE(reader->exec("BEGIN; SELECT count(*) FROM t;").ok());
  const int pages = 2 * store::kWalCheckpointPages;
  {
    auto lane = pool.acquire_writer();
    REQUIRE(lane);
    for (int batch = 0; batch < 4; ++batch) REQUIRE(write_pages(**lane, pages / 4));
  }
  // The checkpoints the commits asked for could copy nothing; the log is all there.
  CHECK(store::wal_file_size(file) > kLimit);

  REQUIRE(reader->exec("COMMIT").ok());
  // No commit comes after the load: the checkpointer must come back on its own,
  // finish the checkpoint and cut the file back.
  CHECK(within_ten_seconds([&] { return store::wal_file_size(file) <= kLimit; }));
  CHECK(rows_in(file) == pages);
}

TEST_CASE("opening a home whose last run left a large WAL copies it into the database and empties it",
          "[store][wal]") {
  testing::TempDir dir;
  auto home = Home::open(dir / "home");
  REQUIRE(home);
  auto file = home->database();
  const int pages = 2 * store::kWalCheckpointPages;
  // A run that dies under load: a child process writes with no checkpoint and
  // exits without closing, so its log stays as the crash leaves it.
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto db = Database::open(file);
    bool ok = db && db->exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                             "CREATE TABLE t(n INTEGER, pad TEXT)")
                        .ok();
    ok = ok && write_pages(*db, pages);
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(store::wal_file_size(file) > kLimit);

  auto db = store::open_home_database(*home, {});
  REQUIRE(db);
  CHECK(store::wal_file_size(file) <= kLimit);
  CHECK(rows_in(file) == pages);
}
