// The plugin manager: finds bundled and installed plugins, loads the enabled ones
// in dependency order, records why any was refused, and hands out capabilities.
// A plugin that fails never stops the others.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/home.hpp"
#include "core/result.hpp"
#include "plugins/instance.hpp"
#include "plugins/manifest.hpp"
#include "plugins/runtime_capability.hpp"
#include "store/pool.hpp"
#include "trellis/connector.h"
#include "trellis/exporter.h"
#include "trellis/importer.h"
#include "trellis/runtime.h"

namespace trellis::plugins {

struct PluginRecord {
  std::string id;
  std::filesystem::path folder;
  std::string source;  // "bundled" | "installed"
  bool enabled = true;
  std::string state;   // "loaded" | "disabled" | "refused"
  std::string reason;  // why refused, empty otherwise
  std::string signed_by;     // trusted key id, empty when unsigned
  bool unsigned_ok = false;  // installed unsigned with --allow-unsigned
  std::string previous_version;
  std::optional<PluginManifest> manifest;
  std::unique_ptr<PluginInstance> instance;
};

template <typename Table>
struct Capability {
  const PluginRecord* plugin;
  const Table* table;
  void* state;
};

class PluginManager {
 public:
  PluginManager(const Home& home, store::DatabasePool& pool, std::filesystem::path bundled_dir);
  ~PluginManager();
  PluginManager(const PluginManager&) = delete;
  PluginManager& operator=(const PluginManager&) = delete;

  // Proves a plugin folder in a child process before this process loads it
  // (see probe.hpp). Without a prober (unit tests) plugins load directly.
  using Prober = std::function<Result<nlohmann::json>(const std::filesystem::path& folder)>;
  void set_prober(Prober prober) { prober_ = std::move(prober); }

  // Discovers and loads. Per-plugin failures are recorded (state "refused" with a
  // reason, also stored in the database); only a database failure is an error.
  Status load_all();

  const std::vector<std::unique_ptr<PluginRecord>>& plugins() const { return plugins_; }
  const PluginRecord* find(std::string_view id) const;

  std::vector<Capability<trellis_importer_v1>> importers() const;
  std::vector<Capability<trellis_connector_v1>> connectors() const;
  std::vector<Capability<trellis_exporter_v1>> exporters() const;
  // The runtime of the enabled plugin that runs `format` (trellis.runtime/1),
  // or null when none does. Borrowed: valid as long as this manager. When two
  // plugins claim one format the first loaded wins and load_all warns.
  const RuntimeCapability* runtime_for(std::string_view format) const;

  const std::filesystem::path& bundled_dir() const { return bundled_dir_; }
  std::atomic<bool>& shutting_down() { return shutting_down_; }

 private:
  template <typename Table>
  std::vector<Capability<Table>> collect(const char* capability_id) const;
  Status record_status(const PluginRecord& record);
  Status record_probed(const PluginRecord& record);
  void collect_runtimes();

  const Home& home_;
  store::DatabasePool& pool_;
  std::filesystem::path bundled_dir_;
  std::atomic<bool> shutting_down_{false};
  std::vector<std::unique_ptr<PluginRecord>> plugins_;
  // Made once per load_all so runtime_for hands out stable pointers.
  std::vector<std::unique_ptr<RuntimeCapability>> runtimes_;
  Prober prober_;
};

}  // namespace trellis::plugins
