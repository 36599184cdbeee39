#include "catalog/course_removal.hpp"

#include <signal.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "catalog/catalog_store.hpp"
#include "core/log.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;

namespace trellis::catalog {
namespace {

// Crash points for the atomicity tests: TRELLIS_TEST_COURSE_DELETE_KILL_AT=deleted
// (rows deleted, not committed) or =committed (committed, files still there).
void removal_test_hook(const char* step) {
  const char* at = std::getenv("TRELLIS_TEST_COURSE_DELETE_KILL_AT");
  if (at != nullptr && std::strcmp(at, step) == 0) ::raise(SIGKILL);
}

}  // namespace

Result<nlohmann::json> remove_course(const Home& home, store::Database& db, const std::string& course_id,
                                     const std::string& actor, const CourseRemovalHooks& hooks) {
  // BEGIN IMMEDIATE: ordered with imports, which commit and rename under the same lock.
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  CatalogStore store(db);
  auto latest = store.latest_version(course_id);
  if (!latest) return latest.error();
  if (!latest->has_value()) return make_error(ErrorKind::not_found, "no course with id " + course_id);
  const VersionSummary& v = **latest;
  RemovedCourse course{course_id, v.format, v.identifier, v.title};
  nlohmann::json report = {
      {"course_id", course_id}, {"title", v.title}, {"format", v.format}, {"identifier", v.identifier}};
  if (hooks.removing) TRELLIS_TRY(hooks.removing(db, course, report));
  auto removed = store.delete_course(course_id);
  if (!removed) return removed.error();
  report["versions"] = removed->first;
  report["modules"] = removed->second;
  TRELLIS_TRY(store::audit(db, actor, "course.delete", course_id, report.dump()));
  removal_test_hook("deleted");
  TRELLIS_TRY(tx->commit());
  removal_test_hook("committed");

  std::error_code ec;
  fs::path folder = home.courses() / course_id;
  auto files = fs::remove_all(folder, ec);
  if (ec) {
    // The rows are gone for good; the folder is an orphan recovery removes later.
    log::warn("catalog", "course " + course_id + " deleted, but removing " + folder.string() +
                             " failed: " + ec.message());
    report["files_removed"] = 0;
    report["files_left"] = folder.string();
  } else {
    report["files_removed"] = files == static_cast<std::uintmax_t>(-1) ? 0 : files;
  }
  return report;
}

}  // namespace trellis::catalog
