// Unpacks a plugin .zip into a folder, refusing entries that would land outside
// it (absolute paths, "..", symbolic links).
#pragma once

#include <filesystem>

#include "core/result.hpp"

namespace trellis::plugins {

Status extract_zip(const std::filesystem::path& zip_file, const std::filesystem::path& into);

}  // namespace trellis::plugins
