// Builds zip archives byte by byte for tests, including ones no honest tool
// writes: duplicate names, raw non-UTF-8 names, symlink entries, the encryption
// flag. Entries are stored (not compressed); deflated archives for bomb tests
// come from libzip in the tests themselves.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace trellis::testing {

struct ZipSpec {
  std::string name;  // raw bytes of the name
  std::string data;
  uint32_t unix_mode = 0100644;  // S_IFLNK|0777 = 0120777 makes a symlink entry
  bool utf8_flag = true;
  bool encrypted_flag = false;
  int64_t declared_size = -1;  // >= 0: lie about the uncompressed size in both headers
};

std::string make_zip(const std::vector<ZipSpec>& entries);
void write_zip(const std::filesystem::path& file, const std::vector<ZipSpec>& entries);

}  // namespace trellis::testing
