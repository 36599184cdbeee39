// How the test hosts load a plugin library, as the host does: dlopen with
// RTLD_NOW | RTLD_LOCAL, the entry point, init with a services table, and one
// capability's table. Each failure throws std::runtime_error saying which step.
#pragma once

#include <filesystem>

#include "trellis/plugin.h"

namespace trellis::testing {

struct LoadedLibrary {
  void* handle = nullptr;
  const trellis_plugin_descriptor* descriptor = nullptr;
  void* state = nullptr;
  const void* capability = nullptr;  // the table for the capability asked for
};

LoadedLibrary load_plugin(const std::filesystem::path& library, const trellis_host_services* services,
                          const char* capability_id);

}  // namespace trellis::testing
