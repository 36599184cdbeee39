#include "zip_writer.hpp"

#include <array>

#include "support.hpp"

namespace trellis::testing {
namespace {

uint32_t crc32(const std::string& data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : data) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

void u16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void u32(std::string& out, uint32_t v) {
  u16(out, v & 0xFFFF);
  u16(out, v >> 16);
}

}  // namespace

std::string make_zip(const std::vector<ZipSpec>& entries) {
  std::string body, central;
  for (const auto& e : entries) {
    uint32_t offset = static_cast<uint32_t>(body.size());
    uint32_t crc = crc32(e.data);
    uint32_t flags = (e.utf8_flag ? 0x0800u : 0u) | (e.encrypted_flag ? 0x0001u : 0u);
    auto size = static_cast<uint32_t>(e.data.size());
    auto declared = e.declared_size >= 0 ? static_cast<uint32_t>(e.declared_size) : size;
    u32(body, 0x04034b50);
    u16(body, 20);
    u16(body, flags);
    u16(body, 0);  // stored
    u16(body, 0);
    u16(body, 0x21);
    u32(body, crc);
    u32(body, size);
    u32(body, declared);
    u16(body, static_cast<uint32_t>(e.name.size()));
    u16(body, 0);
    body += e.name;
    body += e.data;

    u32(central, 0x02014b50);
    u16(central, (3u << 8) | 20u);  // made by UNIX, so external attributes carry the mode
    u16(central, 20);
    u16(central, flags);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0x21);
    u32(central, crc);
    u32(central, size);
    u32(central, declared);
    u16(central, static_cast<uint32_t>(e.name.size()));
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u32(central, e.unix_mode << 16);
    u32(central, offset);
    central += e.name;
  }
  std::string out = body + central;
  u32(out, 0x06054b50);
  u16(out, 0);
  u16(out, 0);
  u16(out, static_cast<uint32_t>(entries.size()));
  u16(out, static_cast<uint32_t>(entries.size()));
  u32(out, static_cast<uint32_t>(central.size()));
  u32(out, static_cast<uint32_t>(body.size()));
  u16(out, 0);
  return out;
}

void write_zip(const std::filesystem::path& file, const std::vector<ZipSpec>& entries) {
  write_file(file, make_zip(entries));
}

}  // namespace trellis::testing
