// A test-only host for exporter plugins: loads the real plugin library through its
// entry point (as the host does), runs an export session over records held in
// memory, and collects the bytes written and each record's reported outcome.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace trellis::testing {

struct TestRecord {
  std::string id, json, stored;
};

struct RecordOutcome {
  int32_t status = -1;  // -1: not reported
  std::string reason;
};

struct ExportRun {
  int32_t open_status = -1, write_status = -1, close_status = -1;
  std::string output;
  std::string error;
  std::vector<RecordOutcome> outcomes;  // one per record, across batches
};

class LoadedExporter {
 public:
  // `settings` answers the plugin's setting_get.
  explicit LoadedExporter(const std::filesystem::path& library, std::map<std::string, std::string> settings = {});
  ~LoadedExporter();
  LoadedExporter(const LoadedExporter&) = delete;
  LoadedExporter& operator=(const LoadedExporter&) = delete;

  std::string format() const;
  std::string media_type() const;
  std::string plugin_id() const;
  // One session: open, write_batch per `batch_size` records, close.
  ExportRun run(const std::vector<TestRecord>& records, size_t batch_size = 100,
                const std::string& destination = {}, bool with_output = true) const;

 private:
  struct HostContext;
  void* handle_ = nullptr;
  const void* descriptor_ = nullptr;
  void* state_ = nullptr;
  const void* exporter_ = nullptr;
  HostContext* host_ = nullptr;
};

}  // namespace trellis::testing
