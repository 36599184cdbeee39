#include "core/home.hpp"

#include <system_error>

namespace trellis {

Result<Home> Home::open(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path absolute = fs::absolute(root, ec);
  if (ec) return make_error(ErrorKind::environment, "cannot resolve home '" + root.string() + "': " + ec.message());
  if (fs::exists(absolute, ec) && !fs::is_directory(absolute, ec))
    return make_error(ErrorKind::environment, "home '" + absolute.string() + "' exists and is not a folder");
  bool created = fs::create_directories(absolute, ec);
  if (ec) return make_error(ErrorKind::environment, "cannot create home '" + absolute.string() + "': " + ec.message());
  if (created) fs::permissions(absolute, fs::perms::owner_all, fs::perm_options::replace, ec);
  Home home(absolute);
  for (const auto& sub : {home.plugins(), home.courses(), home.tmp(), home.logs()}) {
    fs::create_directories(sub, ec);
    if (ec) return make_error(ErrorKind::environment, "cannot create '" + sub.string() + "': " + ec.message());
  }
  return home;
}

}  // namespace trellis
