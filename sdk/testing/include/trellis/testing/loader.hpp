// Loads a plugin's real shared library as the host does: dlopen with
// RTLD_NOW | RTLD_LOCAL, the one entry point trellis_plugin_entry_v1, the
// descriptor checked (ABI, id and version against the plugin.json beside the
// library when there is one), init with the given services table, and one
// capability's table. Loads and inits are serialised process-wide, as the
// host's loader lock does; a library is never unloaded.
#pragma once

#include <filesystem>
#include <string>

#include "trellis/plugin.h"

namespace trellis::testing {

struct LoadedLibrary {
  const trellis_plugin_descriptor* descriptor = nullptr;
  void* state = nullptr;              // what init stored; valid once init succeeded
  bool initialised = false;           // init succeeded: shutdown(state) is owed
  const void* capability = nullptr;   // the table asked for
  std::string error;                  // one sentence naming the step that failed
  bool ok() const { return capability != nullptr; }
};

// Never throws; on failure `error` says why, and shutdown has already been
// called when init had succeeded.
LoadedLibrary load_plugin(const std::filesystem::path& library, const trellis_host_services* services,
                          const char* capability_id);

}  // namespace trellis::testing
