// Where a file export writes: FILE.partial first, renamed to FILE once every
// byte is written and synced, so a failed, cancelled or killed export never
// leaves a truncated file under the name asked for. Used by `records export -o`
// and by the export jobs of the HTTP API.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

#include "core/result.hpp"

namespace trellis::records {

class ExportFile {
 public:
  static Result<std::unique_ptr<ExportFile>> open(const std::filesystem::path& target);
  // Closes and removes FILE.partial unless commit() succeeded.
  ~ExportFile();
  ExportFile(const ExportFile&) = delete;
  ExportFile& operator=(const ExportFile&) = delete;

  bool write(std::string_view bytes);
  // Flushes, syncs, closes and renames into place.
  Status commit();
  const std::filesystem::path& partial() const { return partial_; }

  static constexpr std::string_view kPartialSuffix = ".partial";

 private:
  explicit ExportFile(std::filesystem::path target);
  std::filesystem::path target_, partial_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

}  // namespace trellis::records
