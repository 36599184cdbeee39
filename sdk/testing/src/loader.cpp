#include "trellis/testing/loader.hpp"

#include <dlfcn.h>

#include <cstring>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>

#include "trellis/testing/text_sink.hpp"

namespace trellis::testing {
namespace {

std::mutex& loader_lock() {
  static std::mutex lock;
  return lock;
}

bool descriptor_complete(const trellis_plugin_descriptor* d) {
  return d->struct_size >= offsetof(trellis_plugin_descriptor, get_capability) + sizeof d->get_capability &&
         d->id != nullptr && d->version != nullptr && d->init != nullptr && d->shutdown != nullptr &&
         d->get_capability != nullptr;
}

// The descriptor against plugin.json (id and version), when one sits beside the library.
std::string manifest_disagreement(const std::filesystem::path& library, const trellis_plugin_descriptor* d) {
  std::ifstream in(library.parent_path() / "plugin.json");
  if (!in) return {};
  auto manifest = nlohmann::json::parse(in, nullptr, false);
  if (!manifest.is_object()) return "the plugin.json beside the library is not a JSON object";
  std::string id = manifest.value("id", std::string(d->id)), version = manifest.value("version", std::string(d->version));
  if (id != d->id) return "the library says id '" + std::string(d->id) + "', its plugin.json '" + id + "'";
  if (version != d->version)
    return "the library says version " + std::string(d->version) + ", its plugin.json " + version;
  return {};
}

void load_locked(const std::filesystem::path& library, const trellis_host_services* services,
                 const char* capability_id, LoadedLibrary& out) {
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    out.error = "cannot load " + library.string() + ": " + (why ? why : "unknown dlopen error");
    return;
  }
  auto entry = reinterpret_cast<trellis_plugin_entry_fn>(dlsym(handle, TRELLIS_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) {
    out.error = library.string() + " has no " TRELLIS_PLUGIN_ENTRY_SYMBOL;
    return;
  }
  const trellis_plugin_descriptor* d = entry();
  if (d == nullptr || !descriptor_complete(d)) {
    out.error = "the plugin's descriptor is missing or incomplete";
    return;
  }
  if (d->abi_major != TRELLIS_ABI_MAJOR || d->abi_minor > TRELLIS_ABI_MINOR) {
    out.error = "the plugin is built for ABI " + std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor) +
                ", this test host speaks " + std::to_string(TRELLIS_ABI_MAJOR) + "." + std::to_string(TRELLIS_ABI_MINOR);
    return;
  }
  out.descriptor = d;
  if (std::string why = manifest_disagreement(library, d); !why.empty()) {
    out.error = why;
    return;
  }
  TextSink error(1u << 16);
  trellis_status st = TRELLIS_ERR_INTERNAL;
  try {
    st = d->init(services, &out.state, error.get());
  } catch (...) {
    out.error = "init threw an exception across the ABI boundary";
    return;
  }
  if (st != TRELLIS_OK) {
    out.error = "plugin init failed (status " + std::to_string(st) + "): " + error.str();
    return;
  }
  out.initialised = true;
  out.capability = d->get_capability(out.state, capability_id);
  if (out.capability == nullptr) {
    out.error = std::string("the plugin offers no ") + capability_id;
    d->shutdown(out.state);
    out.initialised = false;
  }
}

}  // namespace

LoadedLibrary load_plugin(const std::filesystem::path& library, const trellis_host_services* services,
                          const char* capability_id) {
  LoadedLibrary out;
  try {
    std::lock_guard serialised(loader_lock());
    load_locked(library, services, capability_id, out);
  } catch (...) {
    out.error = "loading " + library.string() + " failed unexpectedly (out of memory?)";
    out.capability = nullptr;
  }
  return out;
}

}  // namespace trellis::testing
