// The files of a stored course version, as the player may serve them: only paths
// the catalog's index holds (version_files), never a path made from a URL. The
// index is written by the import; a version imported before it had one gets its
// index once, on first use, from its folder (regular files only, symlinks never
// followed or listed).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/home.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::catalog {

// Adds every regular file below `folder` to the index of the version and marks
// it complete. Symlinks (to files or folders) and anything else are left out.
// Call inside the caller's transaction.
Status index_version_folder(store::Database& db, const std::string& course_id, int version,
                            const std::filesystem::path& folder);

// The file on disk for `relative` (as the package named it: "quiz/index.html")
// in the version, or nullopt when it is no stored entry, or when what is on disk
// there now is not the regular file the import wrote (a symlink put in later).
// Builds a missing index first (its own transaction on `db`).
Result<std::optional<std::filesystem::path>> content_file(const Home& home, store::Database& db,
                                                          const std::string& course_id, int version,
                                                          const std::string& relative);

}  // namespace trellis::catalog
