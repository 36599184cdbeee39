// A loaded exporter plugin (trellis.exporter/1) and its sessions.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "trellis/testing/export_run.hpp"
#include "trellis/testing/loaded_plugin.hpp"

namespace trellis::testing {

class LoadedExporter : public LoadedPlugin {
 public:
  explicit LoadedExporter(const std::filesystem::path& library, const Settings& settings = {}, HttpService http = nullptr)
      : LoadedPlugin(library, TRELLIS_CAPABILITY_EXPORTER, settings, http) {}

  std::string format() const;
  std::string media_type() const;
  // One session: open, write_batch per `batch_size` records, close.
  ExportRun run(const std::vector<TestRecord>& records, size_t batch_size = 100, const std::string& destination = {},
                bool with_output = true) const;
  ExportRun run(const std::vector<TestRecord>& records, const ExportRequest& request) const;
};

}  // namespace trellis::testing
