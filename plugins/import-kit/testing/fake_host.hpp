// A test-only host for importer plugins: loads the real plugin library through its
// entry point (as the host does), offers it a package held in memory or read from
// a folder, and collects what the importer reports.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace trellis::testing {

// A package as a path -> bytes map; what the host's safe reader would offer.
class MemoryPackage {
 public:
  MemoryPackage() = default;
  MemoryPackage(std::initializer_list<std::pair<const std::string, std::string>> files,
                std::string name = "package")
      : files_(files), name_(std::move(name)) {}
  static MemoryPackage from_map(std::map<std::string, std::string> files, std::string name) {
    MemoryPackage p;
    p.files_ = std::move(files);
    p.name_ = std::move(name);
    return p;
  }
  // Every regular file below `folder`, with '/'-separated relative paths.
  static MemoryPackage from_folder(const std::filesystem::path& folder);
  MemoryPackage& add(const std::string& path, std::string content) {
    files_[path] = std::move(content);
    return *this;
  }
  const std::map<std::string, std::string>& files() const { return files_; }
  const std::string& name() const { return name_; }

 private:
  std::map<std::string, std::string> files_;
  std::string name_ = "package";
};

struct ReportedDiagnostic {
  int severity = 0;  // 0 info, 1 warning, 2 error
  std::string code;
  std::string message;
  std::string file;
  uint32_t line = 0;
};

struct ImportOutcome {
  int32_t status = -1;
  std::vector<ReportedDiagnostic> diagnostics;
  bool has_course = false;
  bool streamed = false;  // the importer used begin_course/add_node/add_resource
  std::string course_json;
  nlohmann::json course;

  int errors() const;
  bool rejected() const { return errors() > 0; }
  bool has_code(const std::string& code) const;
  const ReportedDiagnostic* find(const std::string& code) const;
  // Every diagnostic on its own line, for test failure messages.
  std::string summary() const;
};

struct Detection {
  int confidence = 0;
  std::string what;
};

// One loaded importer plugin. The library stays mapped until destruction.
class LoadedImporter {
 public:
  explicit LoadedImporter(const std::filesystem::path& library);
  ~LoadedImporter();
  LoadedImporter(const LoadedImporter&) = delete;
  LoadedImporter& operator=(const LoadedImporter&) = delete;

  std::string format() const;
  std::string plugin_id() const;
  Detection detect(const MemoryPackage& package) const;
  // `parse_course` false keeps only `course_json` (benchmarks measure the importer, not the test's parser);
  // a streamed course is then only counted, not reassembled (has_course true, course_json empty).
  ImportOutcome import(const MemoryPackage& package, const std::string& schema_dir = {}, bool validate_only = false,
                       bool parse_course = true) const;

 private:
  void* handle_ = nullptr;
  const void* descriptor_ = nullptr;
  void* state_ = nullptr;
  const void* importer_ = nullptr;
};

// Counts the nodes of a course model by kind, recursively.
std::map<std::string, int> count_kinds(const nlohmann::json& course);
int count_launchable(const nlohmann::json& course);

}  // namespace trellis::testing
