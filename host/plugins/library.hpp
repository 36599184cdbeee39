// Loading plugin libraries with Boost.DLL. Libraries are never unloaded while the
// process lives (code of a plugin may still be referenced by function pointers the
// host keeps), and loading happens under one lock.
#pragma once

#include <filesystem>
#include <mutex>

#include "core/result.hpp"
#include "trellis/plugin.h"

namespace trellis::plugins {

// Loads `file` with RTLD_LOCAL | RTLD_NOW, finds trellis_plugin_entry_v1 and calls
// it. Errors carry the dynamic loader's own text.
Result<const trellis_plugin_descriptor*> load_plugin_library(const std::filesystem::path& file);

// Held while a plugin's init runs. Plugins set up process-wide state of the
// libraries they share (libxml2's parser, its entity loader chain) in init, and
// those set-ups are not safe against each other; one init at a time makes them so.
std::mutex& plugin_init_mutex();

}  // namespace trellis::plugins
