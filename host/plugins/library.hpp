// Loading plugin libraries with Boost.DLL. Libraries are never unloaded while the
// process lives (code of a plugin may still be referenced by function pointers the
// host keeps), and loading happens under one lock.
#pragma once

#include <filesystem>

#include "core/result.hpp"
#include "trellis/plugin.h"

namespace trellis::plugins {

// Loads `file` with RTLD_LOCAL | RTLD_NOW, finds trellis_plugin_entry_v1 and calls
// it. Errors carry the dynamic loader's own text.
Result<const trellis_plugin_descriptor*> load_plugin_library(const std::filesystem::path& file);

}  // namespace trellis::plugins
