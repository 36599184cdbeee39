// Copies a package's files into a folder, streaming, while hashing the content
// so an unchanged re-import can be recognised.
#pragma once

#include <filesystem>
#include <string>

#include "package/package.hpp"

namespace trellis::catalog {

// Writes every entry below `dest` (which must exist) and returns the SHA-256 of
// the package content (paths and bytes, in path order).
Result<std::string> extract_package(const package::Package& package, const std::filesystem::path& dest,
                                    const package::Limits& limits);

}  // namespace trellis::catalog
