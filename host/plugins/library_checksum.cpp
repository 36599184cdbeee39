#include "plugins/library_checksum.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "core/sha256.hpp"

namespace trellis::plugins {
namespace {

// Empty when the file cannot be stat'ed: then nothing is remembered.
std::string file_identity(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return {};
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":" +
         std::to_string(st.st_ctim.tv_sec) + "." + std::to_string(st.st_ctim.tv_nsec);
}

}  // namespace

Result<std::string> library_sha256(const std::filesystem::path& library, store::DatabasePool* remembered) {
  if (remembered == nullptr) return sha256_file(library);
  std::string before = file_identity(library);
  if (before.empty()) return sha256_file(library);
  auto db = remembered->acquire();
  if (!db) return db.error();
  auto known = (*db)->prepare("SELECT sha256 FROM plugin_library_checks WHERE path = ?1 AND identity = ?2");
  if (!known) return known.error();
  known->bind(1, library.string()).bind(2, before);
  auto row = known->step();
  if (!row) return row.error();
  if (*row) return known->text(0);

  auto sum = sha256_file(library);
  if (!sum) return sum;
  // Remember only when the file did not change while it was read.
  if (file_identity(library) == before) {
    auto put = (*db)->prepare(
        "INSERT INTO plugin_library_checks(path, identity, sha256) VALUES(?1, ?2, ?3)"
        " ON CONFLICT(path) DO UPDATE SET identity = excluded.identity, sha256 = excluded.sha256");
    if (!put) return put.error();
    put->bind(1, library.string()).bind(2, before).bind(3, sum.value());
    TRELLIS_TRY(put->run());
  }
  return sum;
}

}  // namespace trellis::plugins
