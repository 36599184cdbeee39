// A learning package opened safely, from a zip file or a folder. Opening checks
// every entry before anything reads a byte of content: unsafe names, links,
// duplicates, encryption and the size limits refuse the whole package, and the
// error names the entry and the rule. Reads count real bytes rather than trusting
// headers, so a lying archive cannot get past the limits either.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "package/limits.hpp"

namespace trellis::package {

// Kept small: a package of many thousand files holds one per file while it is open.
struct Entry {
  std::string path;        // normalised, relative to the package root
  uint64_t size = 0;       // uncompressed, as declared
  uint64_t compressed = 0; // zip only
  uint64_t index = 0;      // position in the zip, or in the folder walk
};

// Something the host accepted but the designer should hear about.
struct Notice {
  std::string code;
  std::string message;
};

using ByteSink = std::function<Status(std::string_view)>;

class Package {
 public:
  virtual ~Package() = default;

  const std::string& display_name() const { return display_name_; }
  // Regular files only, sorted by path.
  const std::vector<Entry>& entries() const { return entries_; }
  const Entry* find(std::string_view path) const;
  const std::vector<Notice>& notices() const { return notices_; }
  uint64_t total_bytes() const;
  // True for a single file opened as it is (not an archive or a folder): a bare
  // course structure or manifest, whose one entry is that file.
  bool single_file() const { return single_file_; }

  // Streams the content of `entry` into `sink` in pieces. Refuses (invalid_input)
  // when more than `limit` bytes, or more than the entry declared, come out.
  virtual Status read(const Entry& entry, const ByteSink& sink, uint64_t limit) const = 0;
  Result<std::string> read_all(const Entry& entry, uint64_t limit) const;

 protected:
  struct RawEntry {
    std::string name;  // as normalised by normalise_entry_name; folders end in '/'
    uint64_t size = 0;
    uint64_t compressed = 0;
    uint64_t index = 0;
  };
  // Duplicate and clash checks, clutter stripping, nested-root detection.
  Status finalise(std::vector<RawEntry> raw);

  std::string display_name_;
  std::vector<Entry> entries_;  // sorted by path: find() searches it
  std::vector<Notice> notices_;
  bool single_file_ = false;
};

// Opens `path` with `limits`: a folder, a zip (by its signature, whatever its
// name), or any other single file as a package of that one file. That file's
// entry is named `single_file_name` when given (an upload, stored on disk under
// a name of the server's, keeps the name it was sent under), else after the file.
Result<std::unique_ptr<Package>> open_package(const std::filesystem::path& path, const Limits& limits,
                                              std::string_view single_file_name = {});
Result<std::unique_ptr<Package>> open_zip(const std::filesystem::path& file, const Limits& limits);
Result<std::unique_ptr<Package>> open_single_file(const std::filesystem::path& file, const Limits& limits,
                                                  std::string_view entry_name = {});
Result<std::unique_ptr<Package>> open_folder(const std::filesystem::path& folder, const Limits& limits);

}  // namespace trellis::package
