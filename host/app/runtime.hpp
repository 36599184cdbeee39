// Everything a running command or the server needs, opened once: the home, its
// database (migrated), a pool of connections for request handlers. Domains that
// need more (the plugin manager, the catalog) hang it here.
#pragma once

#include <filesystem>
#include <memory>

#include "core/home.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "store/pool.hpp"

namespace trellis {

struct Runtime {
  Home home;
  // The command's own connection; request handlers use `pool` instead.
  store::Database db;
  store::DatabasePool pool;

  static Result<std::unique_ptr<Runtime>> open(const std::filesystem::path& home_dir);
};

}  // namespace trellis
