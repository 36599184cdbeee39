#include "catalog/version_file_store.hpp"

namespace trellis::catalog {

Status VersionFileStore::insert(const std::string& course_id, int version, const std::string& path, int64_t size) {
  auto st = db_.prepare("INSERT INTO version_files(course_id, version, path, size) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, course_id).bind(2, version).bind(3, path).bind(4, size);
  return st->run();
}

Status VersionFileStore::mark_indexed(const std::string& course_id, int version) {
  auto st = db_.prepare("UPDATE course_versions SET files_indexed = 1 WHERE course_id = ?1 AND version = ?2");
  if (!st) return st.error();
  st->bind(1, course_id).bind(2, version);
  return st->run();
}

Result<std::optional<bool>> VersionFileStore::indexed(const std::string& course_id, int version) {
  auto st = db_.prepare("SELECT files_indexed FROM course_versions WHERE course_id = ?1 AND version = ?2");
  if (!st) return st.error();
  st->bind(1, course_id).bind(2, version);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<bool>{};
  return std::optional<bool>{st->integer(0) != 0};
}

Result<std::optional<int64_t>> VersionFileStore::find(const std::string& course_id, int version,
                                                      const std::string& path) {
  auto st = db_.prepare("SELECT size FROM version_files WHERE course_id = ?1 AND version = ?2 AND path = ?3");
  if (!st) return st.error();
  st->bind(1, course_id).bind(2, version).bind(3, path);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<int64_t>{};
  return std::optional<int64_t>{st->integer(0)};
}

}  // namespace trellis::catalog
