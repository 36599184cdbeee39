#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "store/database.hpp"
#include "store/pool.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using trellis::store::Database;
using trellis::store::DatabasePool;
using trellis::store::Transaction;

namespace {
fs::path wal_database(const trellis::testing::TempDir& dir) {
  auto file = dir / "pool.db";
  auto db = Database::open(file);
  REQUIRE(db);
  REQUIRE(db->exec("PRAGMA journal_mode = WAL; CREATE TABLE t(n INTEGER, pad TEXT)").ok());
  return file;
}
}  // namespace

TEST_CASE("Writers on the writer lane take turns and every write lands", "[store][pool]") {
  trellis::testing::TempDir dir;
  auto file = wal_database(dir);
  DatabasePool pool(file);
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) {
        auto lane = pool.acquire_writer();
        if (!lane) {
          ++failures;
          continue;
        }
        auto tx = Transaction::begin(**lane);
        auto insert = (*lane)->prepare("INSERT INTO t(n, pad) VALUES(?1, 'x')");
        if (!tx || !insert || !insert->bind(1, w * 1000 + i).run().ok() || !tx->commit().ok()) ++failures;
      }
    });
  for (auto& t : writers) t.join();
  CHECK(failures == 0);
  auto reader = pool.acquire();
  REQUIRE(reader);
  auto count = (*reader)->prepare("SELECT COUNT(*) FROM t");
  REQUIRE(count);
  REQUIRE(count->step().value());
  CHECK(count->integer(0) == 200);
}

TEST_CASE("A writer that waits too long for the lane gets a busy error, not a hang", "[store][pool]") {
  trellis::testing::TempDir dir;
  DatabasePool pool(wal_database(dir));
  auto held = pool.acquire_writer();
  REQUIRE(held);
  std::thread other([&] {
    auto late = pool.acquire_writer(std::chrono::milliseconds(50));
    REQUIRE_FALSE(late);
    CHECK(late.error().message.find("busy") != std::string::npos);
  });
  other.join();
}

TEST_CASE("The writer lane's WAL is checkpointed in the background while the lane stays open", "[store][pool]") {
  trellis::testing::TempDir dir;
  auto file = wal_database(dir);
  auto size_of_database = [&] { return fs::file_size(file); };
  auto before = size_of_database();
  DatabasePool pool(file);
  {
    auto lane = pool.acquire_writer();
    REQUIRE(lane);
    // Rows of one page each (3,000 bytes), twice the checkpoint threshold of them.
    auto tx = Transaction::begin(**lane);
    REQUIRE(tx);
    auto insert = (*lane)->prepare("INSERT INTO t(n, pad) VALUES(?1, ?2)");
    REQUIRE(insert);
    std::string pad(3000, 'p');
    for (int i = 0; i < 2 * DatabasePool::kWriterCheckpointPages; ++i) {
      insert->reset();
      REQUIRE(insert->bind(1, i).bind(2, pad).run().ok());
    }
    REQUIRE(tx->commit().ok());
  }
  // The rows reach the database file only through a checkpoint, and the lane's
  // connection no longer runs SQLite's automatic ones: if the background thread
  // did not, the file would stay as it was until the pool closed.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  const uintmax_t threshold_bytes = 4096u * DatabasePool::kWriterCheckpointPages;
  while (size_of_database() <= before + threshold_bytes && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(size_of_database() > before + threshold_bytes);
}
