#include "app/runtime.hpp"

#include "app/schema_registry.hpp"
#include "core/paths.hpp"
#include "player/player_au_directory.hpp"
#include "plugins/probe.hpp"
#include "store/store.hpp"

namespace trellis {

Result<std::unique_ptr<Runtime>> Runtime::open(const std::filesystem::path& home_dir) {
  auto home = Home::open(home_dir);
  if (!home) return home.error();
  auto db = store::open_home_database(home.value(), home_schema_domains());
  if (!db) return db.error();
  auto path = home->database();
  std::unique_ptr<Runtime> runtime(
      new Runtime{std::move(home).value(), std::move(db).value(), store::DatabasePool(path), nullptr, {}, {}, nullptr, {}, nullptr, {}, nullptr, {}});
  // The LRS meets AU credentials; the player knows whose sessions they are.
  runtime->au_sessions = std::make_shared<player::PlayerAuDirectory>();
  return runtime;
}

Result<plugins::PluginManager*> Runtime::plugins() {
  std::lock_guard lock(plugins_mutex);
  if (!plugin_manager) {
    auto manager = std::make_unique<plugins::PluginManager>(home, pool, paths::bundled_plugin_dir());
    // Plugins not yet proven are first loaded in a child process (see probe.hpp).
    if (auto exe = plugins::probe_executable(); !exe.empty())
      manager->set_prober([exe](const std::filesystem::path& folder) { return plugins::probe_in_child(exe, folder); });
    if (auto st = manager->load_all(); !st) return st.error();
    plugin_manager = std::move(manager);
  }
  return plugin_manager.get();
}

Result<plugins::PluginManager*> Runtime::reload_plugins() {
  {
    std::lock_guard lock(plugins_mutex);
    if (plugin_manager) retired_plugin_managers.push_back(std::move(plugin_manager));
  }
  return plugins();
}

BackgroundQueue& Runtime::background() {
  std::lock_guard lock(background_mutex);
  if (!background_queue) background_queue = std::make_unique<BackgroundQueue>();
  return *background_queue;
}

JobBoard& Runtime::jobs() {
  std::lock_guard lock(jobs_mutex);
  if (!job_board) job_board = std::make_unique<JobBoard>();
  return *job_board;
}

Runtime::~Runtime() {
  // Jobs and background work use plugins and connections: they stop first.
  job_board.reset();
  background_queue.reset();
  // Plugins shut down before the connections they may still use.
  plugin_manager.reset();
  while (!retired_plugin_managers.empty()) retired_plugin_managers.pop_back();
}

}  // namespace trellis
