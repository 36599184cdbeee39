#include "plugin_loading.hpp"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace trellis::testing {

LoadedLibrary load_plugin(const std::filesystem::path& library, const trellis_host_services* services,
                          const char* capability_id) {
  LoadedLibrary out;
  out.handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!out.handle) throw std::runtime_error(std::string("cannot load plugin: ") + dlerror());
  auto entry = reinterpret_cast<trellis_plugin_entry_fn>(dlsym(out.handle, TRELLIS_PLUGIN_ENTRY_SYMBOL));
  if (!entry) throw std::runtime_error("the plugin has no trellis_plugin_entry_v1");
  out.descriptor = entry();
  std::string error;
  trellis_sink sink{&error, [](void* ctx, trellis_str bytes) -> trellis_status {
                      static_cast<std::string*>(ctx)->append(bytes.data, bytes.size);
                      return TRELLIS_OK;
                    }};
  if (out.descriptor->init(services, &out.state, &sink) != TRELLIS_OK)
    throw std::runtime_error("plugin init failed: " + error);
  out.capability = out.descriptor->get_capability(out.state, capability_id);
  if (!out.capability) throw std::runtime_error(std::string("the plugin offers no ") + capability_id);
  return out;
}

}  // namespace trellis::testing
