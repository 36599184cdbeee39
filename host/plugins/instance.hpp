// One loaded, initialised plugin. Everything checked at the boundary is checked
// here: manifest against host, library against manifest, descriptor against both.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string_view>

#include "core/result.hpp"
#include "plugins/host_services.hpp"
#include "plugins/manifest.hpp"
#include "store/pool.hpp"
#include "trellis/plugin.h"

namespace trellis::plugins {

// Checks that need no loading: OS/arch, ABI, host version range, library present
// and matching its SHA-256. Used by install and check before any dlopen.
// `remembered`: where checksums of unchanged libraries are kept (plugin start);
// nullptr hashes the library every time (install, check, rollback).
Status check_manifest_against_host(const PluginManifest& manifest, const std::filesystem::path& folder,
                                   store::DatabasePool* remembered = nullptr);

class PluginInstance {
 public:
  // Loads <folder>/<manifest.library>, verifies it and calls init.
  static Result<std::unique_ptr<PluginInstance>> load(const std::filesystem::path& folder, const PluginManifest& manifest,
                                                      store::DatabasePool& pool,
                                                      const std::atomic<bool>& shutting_down);
  ~PluginInstance();
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  const PluginManifest& manifest() const { return manifest_; }
  void* state() const { return state_; }
  // The capability's function table, or nullptr when the plugin lacks it.
  const void* capability(std::string_view id) const;

 private:
  PluginInstance(PluginManifest manifest, const trellis_plugin_descriptor* descriptor,
                 store::DatabasePool& pool, const std::atomic<bool>& shutting_down);
  PluginManifest manifest_;
  const trellis_plugin_descriptor* descriptor_;
  std::unique_ptr<HostServices> services_;
  void* state_ = nullptr;
  bool initialised_ = false;
};

}  // namespace trellis::plugins
