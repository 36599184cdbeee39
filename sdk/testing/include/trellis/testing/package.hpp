// A package held in memory, as path -> bytes, and the trellis_package view an
// importer reads it through: entries sorted by path, files streamed in pieces
// of at most 4 KiB, as the host's safe reader offers them.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "trellis/importer.h"

namespace trellis::testing {

class MemoryPackage {
 public:
  MemoryPackage() = default;
  MemoryPackage(std::initializer_list<std::pair<const std::string, std::string>> files, std::string name = "package")
      : files_(files), name_(std::move(name)) {}
  static MemoryPackage from_map(std::map<std::string, std::string> files, std::string name);
  // Every regular file below `folder`, with '/'-separated relative paths; an
  // unreadable folder gives an empty package.
  static MemoryPackage from_folder(const std::filesystem::path& folder);
  MemoryPackage& add(const std::string& path, std::string content);
  // Offered as a single file opened as it is (trellis_package.single_file), as
  // the host offers a bare XML file; by default a package is a zip or folder.
  MemoryPackage& as_single_file() {
    single_file_ = true;
    return *this;
  }
  const std::map<std::string, std::string>& files() const { return files_; }
  const std::string& name() const { return name_; }
  bool single_file() const { return single_file_; }

 private:
  std::map<std::string, std::string> files_;
  std::string name_ = "package";
  bool single_file_ = false;
};

// The ABI view of a MemoryPackage; borrows it, so the package must outlive the view.
class PackageView {
 public:
  explicit PackageView(const MemoryPackage& package);
  PackageView(const PackageView&) = delete;
  PackageView& operator=(const PackageView&) = delete;
  const trellis_package* get() const { return &table_; }
  // What the importer said through near_miss, in order.
  const std::vector<std::string>& near_misses() const { return near_misses_; }

 private:
  static size_t entry_count(void* ctx);
  static trellis_status entry_at(void* ctx, size_t index, trellis_package_entry* out);
  static trellis_status read(void* ctx, trellis_str path, const trellis_sink* out);
  static int32_t exists(void* ctx, trellis_str path);
  static void near_miss(void* ctx, trellis_str hint);
  const MemoryPackage* package_;
  std::vector<std::string> near_misses_;
  std::vector<std::map<std::string, std::string>::const_iterator> entries_;
  trellis_package table_{};
};

}  // namespace trellis::testing
