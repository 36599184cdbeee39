// For the store's tests: a database path in a folder of this test program's
// own, removed when the program ends; each name gives a fresh file.
#pragma once

#include <filesystem>
#include <string>

#include "support.hpp"

namespace trellis::testing {

inline std::filesystem::path scratch_db(const char* name) {
  static TempDir dir;
  return dir.path() / (std::string(name) + ".db");
}

}  // namespace trellis::testing
