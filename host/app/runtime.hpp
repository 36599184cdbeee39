// Everything a running command or the server needs, opened once: the home, its
// database (migrated), a pool of connections for request handlers. Domains that
// need more (the plugin manager, the catalog) hang it here.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "accounts/login_throttle.hpp"
#include "app/background_queue.hpp"
#include "app/job_board.hpp"
#include "core/home.hpp"
#include "core/result.hpp"
#include "lrs/au_session_directory.hpp"
#include "plugins/manager.hpp"
#include "store/database.hpp"
#include "store/pool.hpp"

namespace trellis {

struct Runtime {
  Home home;
  // The command's own connection; request handlers use `pool` instead.
  store::Database db;
  store::DatabasePool pool;
  std::unique_ptr<plugins::PluginManager> plugin_manager;
  std::vector<std::unique_ptr<plugins::PluginManager>> retired_plugin_managers;
  std::mutex plugins_mutex;
  // Made on first use by whatever must not wait (see background_queue.hpp).
  std::unique_ptr<BackgroundQueue> background_queue;
  std::mutex background_mutex;
  // Long work adapters hand off (imports, exports, syncs); made on first use.
  std::unique_ptr<JobBoard> job_board;
  std::mutex jobs_mutex;
  // The AU sessions the player launched, for the LRS (set by open; never null there).
  std::shared_ptr<lrs::AuSessionDirectory> au_sessions;
  // Failed console logins of this process (accounts/login_throttle.hpp).
  accounts::LoginThrottle login_throttle;

  // The plugin manager with every enabled plugin loaded; loads on first use so
  // commands that need no plugin do not pay for them.
  Result<plugins::PluginManager*> plugins();
  // Discovers and loads again after an admin change (server only). The previous
  // manager is retired, not destroyed: requests in flight may still hold its
  // capabilities, and plugin code is never unloaded anyway.
  Result<plugins::PluginManager*> reload_plugins();
  BackgroundQueue& background();
  JobBoard& jobs();
  ~Runtime();

  static Result<std::unique_ptr<Runtime>> open(const std::filesystem::path& home_dir);
};

}  // namespace trellis
