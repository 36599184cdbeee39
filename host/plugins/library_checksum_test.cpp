// A remembered checksum is used only while the file is provably unchanged.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <utime.h>

#include "app/runtime.hpp"
#include "core/sha256.hpp"
#include "plugins/library_checksum.hpp"
#include "support.hpp"

using namespace trellis;

TEST_CASE("library checksums are remembered until the file changes, even behind a restored mtime", "[plugins]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& pool = rt.value()->pool;
  auto lib = dir / "libplugin.so";
  testing::write_file(lib, "first build of the library");

  auto first = plugins::library_sha256(lib, &pool);
  REQUIRE(first.ok());
  CHECK(*first == sha256_file(lib).value());
  auto again = plugins::library_sha256(lib, &pool);
  REQUIRE(again.ok());
  CHECK(*again == *first);

  // Same size, content swapped, modification time put back: the status-change
  // time still moves, so the library is hashed again and the swap shows.
  struct stat before {};
  REQUIRE(::stat(lib.c_str(), &before) == 0);
  testing::write_file(lib, "other build of the library");
  REQUIRE(std::filesystem::file_size(lib) == static_cast<uintmax_t>(before.st_size));
  struct utimbuf times {before.st_atime, before.st_mtime};
  REQUIRE(::utime(lib.c_str(), &times) == 0);
  auto swapped = plugins::library_sha256(lib, &pool);
  REQUIRE(swapped.ok());
  CHECK(*swapped != *first);
  CHECK(*swapped == sha256_file(lib).value());

  // Without a pool nothing is remembered or trusted.
  CHECK(plugins::library_sha256(lib, nullptr).value() == *swapped);
  std::filesystem::remove(lib);
  CHECK_FALSE(plugins::library_sha256(lib, &pool).ok());
}
