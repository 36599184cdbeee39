#include "app/runtime.hpp"

#include "core/paths.hpp"
#include "store/store.hpp"

namespace trellis {

Result<std::unique_ptr<Runtime>> Runtime::open(const std::filesystem::path& home_dir) {
  auto home = Home::open(home_dir);
  if (!home) return home.error();
  auto db = store::open_home_database(home.value());
  if (!db) return db.error();
  auto path = home->database();
  return std::unique_ptr<Runtime>(
      new Runtime{std::move(home).value(), std::move(db).value(), store::DatabasePool(path), nullptr});
}

Result<plugins::PluginManager*> Runtime::plugins() {
  if (!plugin_manager) {
    auto manager = std::make_unique<plugins::PluginManager>(home, pool, paths::bundled_plugin_dir());
    if (auto st = manager->load_all(); !st) return st.error();
    plugin_manager = std::move(manager);
  }
  return plugin_manager.get();
}

Runtime::~Runtime() {
  // Plugins shut down before the connections they may still use.
  plugin_manager.reset();
}

}  // namespace trellis
