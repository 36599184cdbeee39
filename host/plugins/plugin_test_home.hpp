// What the plugin manager's tests share: a scratch home with its database and
// a bundled-plugins folder filled from the built test plugins.
#pragma once

#include <filesystem>
#include <string>

#include "app/schema_registry.hpp"
#include "store/store.hpp"
#include "support.hpp"

namespace trellis::testing {

struct PluginTestHome {
  TempDir dir;
  Home home = Home::open(dir / "home").value();
  store::Database db = store::open_home_database(home, home_schema_domains()).value();
  store::DatabasePool pool{home.database()};
  std::filesystem::path bundled = dir / "bundled";

  void bundle(const std::string& id) {
    std::filesystem::create_directories(bundled);
    std::filesystem::copy(std::filesystem::path(TRELLIS_TEST_PLUGIN_DIR) / id, bundled / id,
                          std::filesystem::copy_options::recursive);
  }
};

}  // namespace trellis::testing
