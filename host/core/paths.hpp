// Where Trellis finds itself, its bundled plugins and its home.
#pragma once

#include <filesystem>
#include <string>

namespace trellis::paths {

// Folder holding the running executable (resolved through /proc/self/exe).
std::filesystem::path executable_dir();

// Bundled plugins: <exe>/../lib/trellis/plugins, valid in the build tree and after
// `cmake --install`, since the build tree mirrors the install layout.
// TRELLIS_PLUGIN_PATH overrides it (tests use this).
std::filesystem::path bundled_plugin_dir();

// The launch page's bundle (player.js): <exe>/../share/trellis/web when
// installed, else <exe>/../web (the build tree's ${CMAKE_BINARY_DIR}/web).
std::filesystem::path web_assets_dir();
// The home when neither --home nor TRELLIS_HOME is given: $XDG_DATA_HOME/trellis or
// ~/.local/share/trellis.
std::filesystem::path default_home();

}  // namespace trellis::paths
