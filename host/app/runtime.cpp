#include "app/runtime.hpp"

#include "store/store.hpp"

namespace trellis {

Result<std::unique_ptr<Runtime>> Runtime::open(const std::filesystem::path& home_dir) {
  auto home = Home::open(home_dir);
  if (!home) return home.error();
  auto db = store::open_home_database(home.value());
  if (!db) return db.error();
  auto path = home->database();
  return std::unique_ptr<Runtime>(new Runtime{std::move(home).value(), std::move(db).value(), store::DatabasePool(path)});
}

}  // namespace trellis
