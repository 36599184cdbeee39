#include "plugins/zip_extract.hpp"

#include <fstream>

#include "package/package.hpp"

namespace trellis::plugins {
namespace fs = std::filesystem;

namespace {
Error about(const fs::path& zip_file, const Error& error) { return make_error(error.kind, zip_file.string() + ": " + error.message); }
}  // namespace

Status extract_zip(const fs::path& zip_file, const fs::path& into) {
  const package::Limits limits;
  auto opened = package::open_zip(zip_file, limits);
  if (!opened) return about(zip_file, opened.error());
  const package::Package& archive = *opened.value();
  for (const auto& entry : archive.entries()) {
    // Normalised by the reader: relative, no "..", so it stays below `into`.
    fs::path target = into / fs::path(entry.path);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) return make_error(ErrorKind::environment, "cannot write " + target.string());
    Status copied = archive.read(entry, [&out](std::string_view piece) -> Status {
      out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
      return {};
    }, limits.max_entry_bytes);
    if (!copied) return about(zip_file, copied.error());
    if (!out.flush()) return make_error(ErrorKind::environment, "cannot write " + target.string());
  }
  return {};
}

}  // namespace trellis::plugins
