// The services table (trellis_host_services) the host gives each plugin: logging,
// settings, key-value storage, HTTP client, shutdown flag. One context per plugin,
// so every call is attributed to, and confined to, that plugin.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "plugins/manifest.hpp"
#include "plugins/rate_limiter.hpp"
#include "store/pool.hpp"
#include "trellis/host.h"

namespace trellis::plugins {

class HostServices {
 public:
  HostServices(const PluginManifest& manifest, store::DatabasePool& pool, const std::atomic<bool>& shutting_down);
  HostServices(const HostServices&) = delete;
  HostServices& operator=(const HostServices&) = delete;
  const trellis_host_services* table() const { return &table_; }

  // Public for the C trampolines in host_services.cpp.
  std::string plugin_id;
  const PluginManifest* manifest;
  store::DatabasePool* pool;
  const std::atomic<bool>* shutting_down;
  std::unique_ptr<RateLimiter> http_limit;

 private:
  trellis_host_services table_{};
};

}  // namespace trellis::plugins
