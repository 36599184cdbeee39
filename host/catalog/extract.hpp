// Copies a package's files into a folder, streaming, while hashing the content
// so an unchanged re-import can be recognised.
#pragma once

#include <filesystem>
#include <string>

#include "core/progress.hpp"
#include "package/package.hpp"

namespace trellis::catalog {

// Writes every entry below `dest` (which must exist) and returns the SHA-256 of
// the package content (paths and bytes, in path order). `progress` hears
// "extracting files" with the entries written of the package's entries.
Result<std::string> extract_package(const package::Package& package, const std::filesystem::path& dest,
                                    const package::Limits& limits, const ProgressFn& progress = {});

}  // namespace trellis::catalog
