// The services table a test hands a plugin at init (trellis/host.h), kept in
// memory so the test can look in: captured log lines, settings (the declared
// defaults of plugin.json, overridable by the test), key-value storage, an
// HTTP service the test chooses, and the shutdown flag. Every service may be
// called from any thread, as the real host's.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "trellis/host.h"

namespace trellis::testing {

struct LogLine {
  int32_t level = 0;  // TRELLIS_LOG_*
  std::string message;
};

// The signature of trellis_host_services::http_request; `host_ctx` is the stub.
using HttpService = trellis_status (*)(void* host_ctx, const trellis_http_request* request,
                                       const trellis_http_response_sink* response);

class HostStub {
 public:
  // No settings, empty storage, and an http_request that answers
  // TRELLIS_ERR_UNSUPPORTED until set_http gives it one.
  HostStub();
  HostStub(const HostStub&) = delete;
  HostStub& operator=(const HostStub&) = delete;

  const trellis_host_services* services() const { return &services_; }

  // The defaults declared in a plugin.json's "settings" (a null default stays
  // unset, answered NOT_FOUND as the host does). False, with `error` set, when
  // the file is unreadable or not JSON; a missing file is no error.
  bool declare_defaults(const std::filesystem::path& plugin_json, std::string& error);
  void set_setting(const std::string& key, const std::string& value);
  void unset_setting(const std::string& key);

  std::map<std::string, std::string> kv() const;
  void kv_seed(const std::string& key, const std::string& value);

  std::vector<LogLine> logs() const;
  // True when a line at `level` or above contains `text`.
  bool logged(int32_t level, std::string_view text) const;
  void clear_logs();

  void set_http(HttpService service);
  void set_shutting_down(bool stopping) { stopping_ = stopping; }

 private:
  static HostStub& of(void* ctx) { return *static_cast<HostStub*>(ctx); }
  static void log(void* ctx, int32_t level, trellis_str message);
  static trellis_status setting_get(void* ctx, trellis_str key, trellis_sink* out);
  static trellis_status kv_get(void* ctx, trellis_str key, trellis_sink* out);
  static trellis_status kv_put(void* ctx, trellis_str key, trellis_str value);
  static trellis_status kv_delete(void* ctx, trellis_str key);
  static trellis_status no_http(void* ctx, const trellis_http_request*, const trellis_http_response_sink*);
  static int32_t is_shutting_down(void* ctx);
  trellis_status read(const std::map<std::string, std::string>& from, trellis_str key, trellis_sink* out) const;

  mutable std::mutex mutex_;
  std::map<std::string, std::string> settings_, kv_;
  std::vector<LogLine> logs_;
  std::atomic<bool> stopping_{false};
  std::string version_ = "0.1.0";
  trellis_host_services services_{};
};

}  // namespace trellis::testing
