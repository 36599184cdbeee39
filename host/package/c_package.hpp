// The C ABI view (trellis_package) of a host Package, handed to importers.
// Importers read through it with the per-file limit for importer reads.
#pragma once

#include <string>
#include <vector>

#include "package/package.hpp"
#include "trellis/importer.h"

namespace trellis::package {

class CPackage {
 public:
  CPackage(const Package& package, uint64_t read_limit);
  CPackage(const CPackage&) = delete;
  CPackage& operator=(const CPackage&) = delete;
  const trellis_package* get() const { return &table_; }
  // The first refusal a read met (e.g. a limit), for the report.
  const std::string& last_read_error() const { return last_read_error_; }
  // Detection is over: what another importer failed to read is not this import's fault.
  void forget_read_error() { last_read_error_.clear(); }
  // Near-miss hints are taken only while a detect runs (see importer.h):
  // listen before calling it, take what it said after.
  void listen_for_hints() { listening_ = true; }
  std::vector<std::string> take_hints();

 private:
  static size_t entry_count(void* ctx);
  static trellis_status entry_at(void* ctx, size_t index, trellis_package_entry* out);
  static trellis_status read(void* ctx, trellis_str path, const trellis_sink* out);
  static int32_t exists(void* ctx, trellis_str path);
  static void near_miss(void* ctx, trellis_str hint);

  const Package& package_;
  uint64_t read_limit_;
  trellis_package table_{};
  std::string last_read_error_;
  bool listening_ = false;
  std::vector<std::string> hints_;
};

}  // namespace trellis::package
