// Unpacks a plugin .zip into a folder through the host's safe package reader
// (host/package): the same refusals as for learning packages (names escaping
// the folder, links, duplicates, encryption, zip bombs), before a byte is written.
#pragma once

#include <filesystem>

#include "core/result.hpp"

namespace trellis::plugins {

Status extract_zip(const std::filesystem::path& zip_file, const std::filesystem::path& into);

}  // namespace trellis::plugins
