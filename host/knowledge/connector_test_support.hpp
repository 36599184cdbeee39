// For the knowledge tests: a plugin folder holding only the chosen test
// plugins (copied from build/test-plugins), and their configuration through
// the real `trellis plugin configure`.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support.hpp"

namespace trellis::knowledge_testing {

namespace fs = std::filesystem;

inline fs::path plugin_folder(const fs::path& where, const std::vector<std::string>& ids) {
  fs::create_directories(where);
  for (const auto& id : ids)
    fs::copy(fs::path(TRELLIS_BINARY_DIR) / "test-plugins" / id, where / id, fs::copy_options::recursive);
  return where;
}

inline std::map<std::string, std::string> plugin_env(const fs::path& folder) {
  return {{"TRELLIS_PLUGIN_PATH", folder.string()}};
}

inline testing::ProcessResult run_with_plugins(const fs::path& home, const fs::path& plugins, const std::vector<std::string>& args) {
  return testing::run_trellis(home, args, plugin_env(plugins));
}

inline void configure(const fs::path& home, const fs::path& plugins, const std::string& id,
                      const std::vector<std::string>& settings) {
  std::vector<std::string> args = {"plugin", "configure", id};
  args.insert(args.end(), settings.begin(), settings.end());
  auto r = run_with_plugins(home, plugins, args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

inline void write_items(const fs::path& file, const nlohmann::json& items) { testing::write_file(file, items.dump()); }

}  // namespace trellis::knowledge_testing
