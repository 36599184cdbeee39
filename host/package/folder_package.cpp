// Unpacked packages. Links are refused rather than followed: a link inside a
// package could point anywhere on the server.
#include <fstream>

#include "package/entry_name.hpp"
#include "package/package.hpp"

namespace fs = std::filesystem;

namespace trellis::package {
namespace {

class FolderPackage final : public Package {
 public:
  explicit FolderPackage(fs::path root) : root_(std::move(root)) {
    display_name_ = root_.filename().empty() ? root_.parent_path().filename().string() : root_.filename().string();
  }

  Status scan(const Limits& limits) {
    std::vector<RawEntry> raw;
    std::error_code ec;
    fs::recursive_directory_iterator it(root_, fs::directory_options::none, ec), end;
    if (ec) return make_error(ErrorKind::environment, "cannot list '" + root_.string() + "': " + ec.message());
    uint64_t total = 0;
    for (; it != end; it.increment(ec)) {
      if (ec) return make_error(ErrorKind::environment, "cannot list '" + root_.string() + "': " + ec.message());
      std::string rel = it->path().lexically_relative(root_).generic_string();
      auto st = it->symlink_status(ec);
      if (ec) return make_error(ErrorKind::environment, "cannot inspect '" + rel + "': " + ec.message());
      if (fs::is_symlink(st)) return refuse_entry(rel, "symbolic link");
      bool folder = fs::is_directory(st);
      if (!folder && !fs::is_regular_file(st)) return refuse_entry(rel, "not a regular file");
      auto normal = normalise_entry_name(folder ? rel + "/" : rel);
      if (!normal) return normal.error();
      if (raw.size() + 1 > limits.max_entries)
        return make_error(ErrorKind::invalid_input, "package refused: it holds more than " +
                                                        std::to_string(limits.max_entries) +
                                                        " entries (import.max_entries)");
      uint64_t size = folder ? 0 : static_cast<uint64_t>(it->file_size(ec));
      if (size > limits.max_entry_bytes)
        return refuse_entry(rel, std::to_string(size) + " bytes, more than the limit of " +
                               std::to_string(limits.max_entry_bytes) + " (import.max_entry_bytes)");
      total += size;
      if (total > limits.max_total_bytes)
        return make_error(ErrorKind::invalid_input,
                          "package refused: its files exceed " + std::to_string(limits.max_total_bytes) +
                              " bytes (import.max_total_bytes), reached at entry '" + rel + "'");
      raw.push_back(RawEntry{normal.value(), size, size, raw.size()});
      files_.push_back(it->path());
    }
    return finalise(std::move(raw));
  }

  // A single file that is not an archive (a bare course structure XML, say):
  // a package of one entry named after the file.
  Status scan_single(const fs::path& file, const Limits& limits, std::string_view entry_name) {
    std::error_code ec;
    auto size = static_cast<uint64_t>(fs::file_size(file, ec));
    if (ec) return make_error(ErrorKind::environment, "cannot read '" + file.string() + "': " + ec.message());
    std::string name = entry_name.empty() ? file.filename().string() : std::string(entry_name);
    auto normal = normalise_entry_name(name);
    if (!normal) return normal.error();
    if (size > limits.max_entry_bytes || size > limits.max_total_bytes)
      return refuse_entry(normal.value(), std::to_string(size) + " bytes, more than the limit (import.max_entry_bytes)");
    display_name_ = std::move(name);
    single_file_ = true;
    files_.push_back(file);
    return finalise({RawEntry{normal.value(), size, size, 0}});
  }

  Status read(const Entry& entry, const ByteSink& sink, uint64_t limit) const override {
    // Re-check at read time: the folder may have changed since it was scanned.
    std::error_code ec;
    const fs::path& file = files_.at(entry.index);
    if (fs::is_symlink(fs::symlink_status(file, ec))) return refuse_entry(entry.path, "symbolic link");
    std::ifstream in(file, std::ios::binary);
    if (!in) return refuse_entry(entry.path, "cannot be opened");
    char buffer[64 * 1024];
    uint64_t seen = 0;
    while (in) {
      in.read(buffer, sizeof buffer);
      auto n = static_cast<uint64_t>(in.gcount());
      if (n == 0) break;
      seen += n;
      if (seen > limit) return refuse_entry(entry.path, "larger than the read limit of " + std::to_string(limit) + " bytes");
      if (seen > entry.size) return refuse_entry(entry.path, "grew while the package was being read");
      TRELLIS_TRY(sink(std::string_view(buffer, static_cast<size_t>(n))));
    }
    return {};
  }

 private:
  fs::path root_;
  std::vector<fs::path> files_;  // by walk position (Entry::index), as found on disk
};

}  // namespace

Result<std::unique_ptr<Package>> open_folder(const fs::path& folder, const Limits& limits) {
  auto package = std::make_unique<FolderPackage>(folder);
  TRELLIS_TRY(package->scan(limits));
  return std::unique_ptr<Package>(std::move(package));
}

Result<std::unique_ptr<Package>> open_single_file(const fs::path& file, const Limits& limits,
                                                  std::string_view entry_name) {
  auto package = std::make_unique<FolderPackage>(file.parent_path());
  TRELLIS_TRY(package->scan_single(file, limits, entry_name));
  return std::unique_ptr<Package>(std::move(package));
}

}  // namespace trellis::package
