// The SHA-256 of a plugin library, re-read only when the file may have changed.
//
// Hashing every library at every start is most of what a plugin costs at start
// (issue 3's benchmark). The checksum is remembered with the file's identity:
// device, inode, size, modification time and status-change time. Any write,
// replacement, rename over it or touch changes at least one of them, and the
// status-change time cannot be set back by anyone short of root (who can
// rewrite the home's database as well), so a remembered checksum is trusted
// exactly as long as the file is provably the one that was hashed.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"
#include "store/pool.hpp"

namespace trellis::plugins {

// Without a pool (install, check) the file is always hashed.
Result<std::string> library_sha256(const std::filesystem::path& library, store::DatabasePool* remembered);

}  // namespace trellis::plugins
