#include "plugins/zip_extract.hpp"

#include <zip.h>

#include <fstream>
#include <memory>
#include <vector>

namespace trellis::plugins {
namespace fs = std::filesystem;

namespace {

bool safe_entry_name(const std::string& name) {
  if (name.empty() || name[0] == '/' || name[0] == '\\' || name.find('\\') != std::string::npos) return false;
  for (const auto& part : fs::path(name))
    if (part == "..") return false;
  return true;
}

}  // namespace

Status extract_zip(const fs::path& zip_file, const fs::path& into) {
  int err = 0;
  std::unique_ptr<zip_t, decltype(&zip_discard)> archive(zip_open(zip_file.c_str(), ZIP_RDONLY, &err), zip_discard);
  if (!archive) return make_error(ErrorKind::invalid_input, zip_file.string() + ": not a readable .zip archive");
  zip_int64_t n = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 || st.name == nullptr)
      return make_error(ErrorKind::invalid_input, zip_file.string() + ": entry " + std::to_string(i) + " is unreadable");
    std::string name = st.name;
    if (!safe_entry_name(name))
      return make_error(ErrorKind::invalid_input,
                        zip_file.string() + ": entry '" + name + "' would be written outside the plugin folder");
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive.get(), static_cast<zip_uint64_t>(i), 0, &opsys, &attributes) == 0 &&
        opsys == ZIP_OPSYS_UNIX && ((attributes >> 16) & 0170000) == 0120000)
      return make_error(ErrorKind::invalid_input, zip_file.string() + ": entry '" + name + "' is a symbolic link");
    auto target = into / name;
    std::error_code ec;
    if (name.back() == '/') {
      fs::create_directories(target, ec);
      continue;
    }
    fs::create_directories(target.parent_path(), ec);
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0),
                                                            zip_fclose);
    if (!file) return make_error(ErrorKind::invalid_input, zip_file.string() + ": cannot read entry '" + name + "'");
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    std::vector<char> buf(1 << 16);
    zip_int64_t got;
    while ((got = zip_fread(file.get(), buf.data(), buf.size())) > 0) out.write(buf.data(), got);
    if (got < 0) return make_error(ErrorKind::invalid_input, zip_file.string() + ": entry '" + name + "' is corrupt");
    if (!out) return make_error(ErrorKind::environment, "cannot write " + target.string());
  }
  return {};
}

}  // namespace trellis::plugins
