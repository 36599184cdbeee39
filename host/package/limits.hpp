// How much a package may hold before the host refuses it. Every limit is a
// setting of the home ("import.<name>"), so an admin can widen them for a known
// large course without rebuilding.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::package {

struct Limits {
  uint64_t max_entries = 20000;                          // files and folders in the archive
  uint64_t max_total_bytes = 4ull << 30;                 // sum of uncompressed sizes
  uint64_t max_entry_bytes = 2ull << 30;                 // one file, uncompressed
  uint64_t max_entry_ratio = 200;                        // uncompressed / compressed, one entry
  uint64_t max_total_ratio = 50;                         // uncompressed / compressed, whole archive
  uint64_t ratio_floor_bytes = 1ull << 20;               // ratios are checked above this size only
  uint64_t max_importer_read_bytes = 64ull << 20;        // one file read by an importer (manifests)
};

struct LimitSetting {
  std::string key;  // "import.max_entries"
  uint64_t Limits::*field;
  std::string description;
};

const std::vector<LimitSetting>& limit_settings();

// Defaults overridden by the home's settings; a setting that is not a positive
// integer is refused with its key named.
Result<Limits> load_limits(store::Database& db);

}  // namespace trellis::package
