#include "catalog/content_files.hpp"

#include "catalog/version_file_store.hpp"

namespace fs = std::filesystem;

namespace trellis::catalog {

Status index_version_folder(store::Database& db, const std::string& course_id, int version, const fs::path& folder) {
  VersionFileStore files(db);
  std::error_code ec;
  // The default options never descend into a symlinked folder.
  fs::recursive_directory_iterator it(folder, ec), end;
  if (ec) return make_error(ErrorKind::environment, "cannot list " + folder.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return make_error(ErrorKind::environment, "cannot list " + folder.string() + ": " + ec.message());
    auto status = it->symlink_status(ec);
    if (ec || !fs::is_regular_file(status)) continue;
    auto size = it->file_size(ec);
    if (ec) continue;
    TRELLIS_TRY(files.insert(course_id, version, it->path().lexically_relative(folder).generic_string(),
                             static_cast<int64_t>(size)));
  }
  return files.mark_indexed(course_id, version);
}

namespace {

Status build_missing_index(const Home& home, store::Database& db, const std::string& course_id, int version) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  // Asked again under the write lock: another request may have built it meanwhile.
  auto indexed = VersionFileStore(db).indexed(course_id, version);
  if (!indexed) return indexed.error();
  if (!indexed->has_value() || **indexed) return {};
  TRELLIS_TRY(index_version_folder(db, course_id, version, home.courses() / course_id / std::to_string(version)));
  return tx->commit();
}

// True when no part of `relative` below `root` is a symlink: resolving it lands
// exactly where its plain path points.
bool resolves_in_place(const fs::path& root, const std::string& relative) {
  std::error_code ec;
  fs::path base = fs::canonical(root, ec);
  if (ec) return false;
  fs::path real = fs::canonical(root / relative, ec);
  if (ec) return false;
  return real == (base / relative).lexically_normal() && fs::is_regular_file(fs::symlink_status(real, ec));
}

}  // namespace

Result<std::optional<fs::path>> content_file(const Home& home, store::Database& db, const std::string& course_id,
                                             int version, const std::string& relative) {
  VersionFileStore files(db);
  auto indexed = files.indexed(course_id, version);
  if (!indexed) return indexed.error();
  if (!indexed->has_value()) return std::optional<fs::path>{};
  if (!**indexed) TRELLIS_TRY(build_missing_index(home, db, course_id, version));
  auto found = files.find(course_id, version, relative);
  if (!found) return found.error();
  if (!found->has_value()) return std::optional<fs::path>{};
  fs::path root = home.courses() / course_id / std::to_string(version);
  if (!resolves_in_place(root, relative)) return std::optional<fs::path>{};
  return std::optional<fs::path>{root / relative};
}

}  // namespace trellis::catalog
