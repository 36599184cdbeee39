#include "core/paths.hpp"

#include <cstdlib>
#include <system_error>

namespace trellis::paths {

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return std::filesystem::current_path();
  return exe.parent_path();
}

std::filesystem::path bundled_plugin_dir() {
  if (const char* over = std::getenv("TRELLIS_PLUGIN_PATH"); over != nullptr && *over != '\0') return over;
  return (executable_dir() / ".." / "lib" / "trellis" / "plugins").lexically_normal();
}

std::filesystem::path web_assets_dir() {
  auto installed = (executable_dir() / ".." / "share" / "trellis" / "web").lexically_normal();
  std::error_code ec;
  if (std::filesystem::is_directory(installed, ec)) return installed;
  return (executable_dir() / ".." / "web").lexically_normal();
}

std::filesystem::path default_home() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0')
    return std::filesystem::path(xdg) / "trellis";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr && *home != '\0' ? home : "/tmp") / ".local" / "share" / "trellis";
}

}  // namespace trellis::paths
