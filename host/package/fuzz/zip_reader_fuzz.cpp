// libFuzzer target for the safe zip reader: any bytes must either open into a
// package whose entries read back within the limits, or be refused as a value.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "package/package.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // libzip reads files; one scratch file per fuzzing process.
  static const std::string path = "/tmp/trellis-zip-fuzz-" + std::to_string(::getpid()) + ".zip";
  static const struct Scratch {
    ~Scratch() { std::remove(path.c_str()); }
  } scratch;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  trellis::package::Limits limits;
  limits.max_entries = 200;
  limits.max_total_bytes = 8 << 20;
  limits.max_entry_bytes = 4 << 20;
  limits.ratio_floor_bytes = 4096;
  auto opened = trellis::package::open_zip(path, limits);
  if (opened.ok()) {
    for (const auto& entry : opened.value()->entries()) {
      auto content = opened.value()->read_all(entry, limits.max_entry_bytes);
      if (content.ok() && content->size() != entry.size) __builtin_trap();
    }
  }
  return 0;
}
