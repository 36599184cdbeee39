// Glue between a host-free parser and the SDK: the package's files as the parser
// sees them, and findings handed to the host as diagnostics.
#pragma once

#include <string_view>

#include "trellis/cpp/importer.hpp"
#include "trellis/import_kit/findings.hpp"

namespace trellis::kit {

// What a parser needs to know about the package around its manifest.
class PackageFiles {
 public:
  virtual ~PackageFiles() = default;
  virtual bool exists(std::string_view path) const = 0;
  virtual size_t file_count() const = 0;
};

class SdkPackageFiles : public PackageFiles {
 public:
  explicit SdkPackageFiles(const trellis::Package& package) : package_(package) {
    count_ = package.raw()->entry_count(package.raw()->ctx);
  }
  bool exists(std::string_view path) const override { return package_.exists(path); }
  size_t file_count() const override { return count_; }

 private:
  const trellis::Package& package_;
  size_t count_ = 0;
};

inline void report_findings(const Findings& findings, trellis::ImportReport& report) {
  for (const Finding& f : findings.list())
    report.diagnostic(static_cast<trellis::Severity>(static_cast<int>(f.level)), f.code, f.message, f.file, f.line);
}

}  // namespace trellis::kit
