#include <signal.h>

#include <cerrno>
#include <string>

#include "catalog/catalog_store.hpp"
#include "catalog/import_service.hpp"

namespace fs = std::filesystem;

namespace trellis::catalog {
namespace {

// Temp folders and uploads are named import-<pid>-<random> and upload-<pid>-<random>;
// a live pid means work in progress.
bool owner_is_dead(const std::string& name) {
  size_t dash = name.find('-');
  if (dash == std::string::npos) return false;
  std::string kind = name.substr(0, dash);
  if (kind != "import" && kind != "upload") return false;
  long pid = std::strtol(name.c_str() + dash + 1, nullptr, 10);
  if (pid <= 0) return true;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

Status recover_interrupted_imports(const Home& home, store::Database& db) {
  std::error_code ec;
  if (fs::is_directory(home.tmp(), ec))
    for (const auto& e : fs::directory_iterator(home.tmp(), ec))
      if (owner_is_dead(e.path().filename().string())) fs::remove_all(e.path(), ec);

  if (!fs::is_directory(home.courses(), ec)) return {};
  // The write lock orders this with importers, which rename and commit while
  // holding it: every version folder we can see then has its row, or never will.
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  CatalogStore store(db);
  auto versions = store.all_versions();
  if (!versions) return versions.error();
  for (const auto& course : fs::directory_iterator(home.courses(), ec)) {
    if (!course.is_directory()) continue;
    std::string course_id = course.path().filename().string();
    for (const auto& version : fs::directory_iterator(course.path(), ec)) {
      std::string name = version.path().filename().string();
      int number = std::atoi(name.c_str());
      if (number <= 0 || std::to_string(number) != name || versions->count({course_id, number}) == 0)
        fs::remove_all(version.path(), ec);
    }
    if (fs::is_empty(course.path(), ec)) fs::remove(course.path(), ec);
  }
  return tx->commit();
}

}  // namespace trellis::catalog
