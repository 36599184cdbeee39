#define BOOST_DLL_USE_STD_FS
#include "plugins/library.hpp"

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>
#include <mutex>
#include <vector>

namespace trellis::plugins {
namespace {

std::mutex g_load_mutex;
// Kept for the life of the process on purpose: see the header.
std::vector<boost::dll::shared_library>& loaded() {
  static auto* libs = new std::vector<boost::dll::shared_library>();
  return *libs;
}

}  // namespace

std::mutex& plugin_init_mutex() {
  static std::mutex mutex;
  return mutex;
}

Result<const trellis_plugin_descriptor*> load_plugin_library(const std::filesystem::path& file) {
  std::lock_guard lock(g_load_mutex);
  boost::dll::shared_library lib;
  std::error_code ec;
  (void)dlerror();
  lib.load(file, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now, ec);
  if (ec || !lib.is_loaded()) {
    const char* why = dlerror();
    return make_error(ErrorKind::invalid_input,
                      "cannot load " + file.filename().string() + ": " + (why != nullptr ? why : ec.message()));
  }
  if (!lib.has(TRELLIS_PLUGIN_ENTRY_SYMBOL)) {
    loaded().push_back(std::move(lib));
    return make_error(ErrorKind::invalid_input, file.filename().string() + " has no entry point " +
                                                    TRELLIS_PLUGIN_ENTRY_SYMBOL +
                                                    " (built for another plugin ABI major, or not a Trellis plugin)");
  }
  auto entry = lib.get<const trellis_plugin_descriptor*()>(TRELLIS_PLUGIN_ENTRY_SYMBOL);
  // Moved, not copied: copying a shared_library opens the file again.
  loaded().push_back(std::move(lib));
  const trellis_plugin_descriptor* d = entry();
  if (d == nullptr) return make_error(ErrorKind::invalid_input, file.filename().string() + ": entry point returned no descriptor");
  return d;
}

}  // namespace trellis::plugins
