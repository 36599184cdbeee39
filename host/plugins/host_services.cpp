#include "plugins/host_services.hpp"

#include "plugins/http_failure.hpp"

#include <httplib.h>

#include "core/log.hpp"
#include "core/version.hpp"
#include "plugins/abi_strings.hpp"
#include "plugins/http_url.hpp"
#include "store/store.hpp"

namespace trellis::plugins {
namespace {

HostServices& self(void* ctx) { return *static_cast<HostServices*>(ctx); }

void svc_log(void* ctx, int32_t level, trellis_str message) {
  auto lvl = level <= TRELLIS_LOG_DEBUG     ? log::Level::debug
             : level == TRELLIS_LOG_INFO    ? log::Level::info
             : level == TRELLIS_LOG_WARNING ? log::Level::warning
                                            : log::Level::error;
  log::write(lvl, "plugin:" + self(ctx).plugin_id, to_view(message));
}

trellis_status write_sink(trellis_sink* out, std::string_view value) {
  if (out == nullptr || out->write == nullptr) return TRELLIS_ERR_INVALID_ARGUMENT;
  return out->write(out->ctx, to_str(value));
}

trellis_status svc_setting_get(void* ctx, trellis_str key, trellis_sink* out) {
  try {
    auto& s = self(ctx);
    std::string k(to_view(key));
    const SettingSpec* spec = s.manifest->setting(k);
    if (spec == nullptr) return TRELLIS_ERR_NOT_FOUND;
    auto db = s.pool->acquire();
    if (!db) return TRELLIS_ERR_IO;
    auto st = (*db)->prepare("SELECT value FROM plugin_settings WHERE plugin_id = ?1 AND key = ?2");
    if (!st) return TRELLIS_ERR_IO;
    st->bind(1, s.plugin_id).bind(2, k);
    auto row = st->step();
    if (!row) return TRELLIS_ERR_IO;
    if (row.value()) return write_sink(out, st->text(0));
    if (spec->default_value.is_null()) return TRELLIS_ERR_NOT_FOUND;
    return write_sink(out, spec->default_value.is_string() ? spec->default_value.get<std::string>()
                                                           : spec->default_value.dump());
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

trellis_status svc_kv_get(void* ctx, trellis_str key, trellis_sink* out) {
  try {
    auto& s = self(ctx);
    auto db = s.pool->acquire();
    if (!db) return TRELLIS_ERR_IO;
    auto st = (*db)->prepare("SELECT value FROM plugin_kv WHERE plugin_id = ?1 AND key = ?2");
    if (!st) return TRELLIS_ERR_IO;
    st->bind(1, s.plugin_id).bind(2, to_view(key));
    auto row = st->step();
    if (!row) return TRELLIS_ERR_IO;
    if (!row.value()) return TRELLIS_ERR_NOT_FOUND;
    return write_sink(out, st->blob(0));
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

trellis_status svc_kv_put(void* ctx, trellis_str key, trellis_str value) {
  try {
    auto& s = self(ctx);
    auto db = s.pool->acquire();
    if (!db) return TRELLIS_ERR_IO;
    auto st = (*db)->prepare(
        "INSERT INTO plugin_kv(plugin_id, key, value) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(plugin_id, key) DO UPDATE SET value = excluded.value");
    if (!st) return TRELLIS_ERR_IO;
    st->bind(1, s.plugin_id).bind(2, to_view(key)).bind_blob(3, to_view(value));
    return st->run() ? TRELLIS_OK : TRELLIS_ERR_IO;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

trellis_status svc_kv_delete(void* ctx, trellis_str key) {
  try {
    auto& s = self(ctx);
    auto db = s.pool->acquire();
    if (!db) return TRELLIS_ERR_IO;
    auto st = (*db)->prepare("DELETE FROM plugin_kv WHERE plugin_id = ?1 AND key = ?2");
    if (!st) return TRELLIS_ERR_IO;
    st->bind(1, s.plugin_id).bind(2, to_view(key));
    if (!st->run()) return TRELLIS_ERR_IO;
    return (*db)->changes() > 0 ? TRELLIS_OK : TRELLIS_ERR_NOT_FOUND;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

trellis_status svc_http_request(void* ctx, const trellis_http_request* request,
                                const trellis_http_response_sink* response) {
  try {
    if (request == nullptr || response == nullptr || !TRELLIS_HAS_FIELD(request, trellis_http_request, timeout_ms))
      return TRELLIS_ERR_INVALID_ARGUMENT;
    auto url = split_http_url(to_view(request->url));
    if (!url) return TRELLIS_ERR_INVALID_ARGUMENT;
    const std::string& scheme_host = url->origin;
    const std::string& path = url->target;
    httplib::Client client(scheme_host);
    uint32_t timeout = request->timeout_ms == 0 ? 30000 : request->timeout_ms;
    client.set_connection_timeout(timeout / 1000, (timeout % 1000) * 1000);
    client.set_read_timeout(timeout / 1000, (timeout % 1000) * 1000);
    client.set_write_timeout(timeout / 1000, (timeout % 1000) * 1000);
    httplib::Headers headers;
    std::string content_type;
    for (size_t i = 0; i < request->header_count; ++i) {
      std::string name(to_view(request->headers[i].name));
      std::string value(to_view(request->headers[i].value));
      if (strcasecmp(name.c_str(), "content-type") == 0)
        content_type = value;
      else
        headers.emplace(name, value);
    }
    // Why no response came, for plugins built for ABI 1.3 and later.
    auto fail = [response](trellis_status status, const std::string& reason) {
      if (TRELLIS_HAS_FIELD(response, trellis_http_response_sink, failure) && response->failure != nullptr)
        response->failure(response->ctx, to_str(reason));
      return status;
    };
    if (!self(ctx).http_limit().acquire(std::chrono::milliseconds(timeout))) {
      log::warn("plugin:" + self(ctx).plugin_id,
                "http_request to " + scheme_host + " refused: over plugins.http_rate_per_second");
      return fail(TRELLIS_ERR_LIMIT, "over the host's limit of requests per second (setting plugins.http_rate_per_second)");
    }
    std::string method(to_view(request->method));
    std::string body(to_view(request->body));
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.headers = headers;
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      req.body = body;
      req.set_header("Content-Type", content_type.empty() ? "application/octet-stream" : content_type);
    }
    auto started = std::chrono::steady_clock::now();
    auto res = client.send(req);
    if (!res) {
      auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
      return fail(TRELLIS_ERR_IO,
                  http_failure_reason(res.error(), scheme_host, elapsed, std::chrono::milliseconds(timeout)));
    }
    if (response->status) response->status(response->ctx, res->status);
    if (response->header)
      for (const auto& [k, v] : res->headers) response->header(response->ctx, to_str(k), to_str(v));
    if (response->body.write) return response->body.write(response->body.ctx, to_str(res->body));
    return TRELLIS_OK;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

int32_t svc_is_shutting_down(void* ctx) { return self(ctx).shutting_down->load() ? 1 : 0; }

}  // namespace

HostServices::HostServices(const PluginManifest& m, store::DatabasePool& p, const std::atomic<bool>& stop)
    : plugin_id(m.id), manifest(&m), pool(&p), shutting_down(&stop) {
  table_.struct_size = sizeof table_;
  table_.abi_major = kPluginAbiMajor;
  table_.abi_minor = kPluginAbiMinor;
  table_.host_version = to_str(kHostVersion);
  table_.host_ctx = this;
  table_.log = &svc_log;
  table_.setting_get = &svc_setting_get;
  table_.kv_get = &svc_kv_get;
  table_.kv_put = &svc_kv_put;
  table_.kv_delete = &svc_kv_delete;
  table_.http_request = &svc_http_request;
  table_.is_shutting_down = &svc_is_shutting_down;
}

RateLimiter& HostServices::http_limit() {
  std::call_once(http_limit_once_, [this] {
    double rate = kDefaultHttpRatePerSecond;
    if (auto db = pool->acquire(); db) {
      auto value = store::get_setting(**db, "plugins.http_rate_per_second");
      if (value && value->has_value()) {
        try {
          rate = std::stod(**value);
        } catch (...) {
          log::warn("plugins", "plugins.http_rate_per_second is not a whole number; using 10");
        }
      }
    }
    http_limit_ = std::make_unique<RateLimiter>(rate);
  });
  return *http_limit_;
}

}  // namespace trellis::plugins
