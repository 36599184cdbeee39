// The services table (trellis_host_services) the host gives each plugin: logging,
// settings, key-value storage, HTTP client, shutdown flag. One context per plugin,
// so every call is attributed to, and confined to, that plugin.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "plugins/manifest.hpp"
#include "plugins/rate_limiter.hpp"
#include "store/pool.hpp"
#include "trellis/host.h"

namespace trellis::plugins {

// Host setting plugins.http_rate_per_second when unset.
inline constexpr int kDefaultHttpRatePerSecond = 10;

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
  // Made on the first HTTP request: most plugins never make one, and reading
  // the rate setting for each at start is a database round trip per plugin.
  RateLimiter& http_limit();

 private:
  std::once_flag http_limit_once_;
  std::unique_ptr<RateLimiter> http_limit_;
  trellis_host_services table_{};
};

}  // namespace trellis::plugins
