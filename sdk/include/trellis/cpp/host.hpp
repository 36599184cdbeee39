// The host's services table, as a C++ object a plugin keeps from init on.
#ifndef TRELLIS_CPP_HOST_HPP
#define TRELLIS_CPP_HOST_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trellis/cpp/core.hpp"
#include "trellis/host.h"

namespace trellis {
inline namespace sdk1 {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string failure;  // the host's reason when no response arrived (then http() throws it)
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& h : headers) {
      if (h.first.size() != name.size()) continue;
      bool same = true;
      for (size_t i = 0; i < name.size() && same; ++i)
        same = (h.first[i] | 0x20) == (name[i] | 0x20);
      if (same) return h.second;
    }
    return std::nullopt;
  }
};

class Host {
 public:
  explicit Host(const trellis_host_services* services) : s_(services) {}

  std::string_view version() const { return to_view(s_->host_version); }

  void log(int32_t level, std::string_view message) const {
    if (s_->log) s_->log(s_->host_ctx, level, to_str(message));
  }
  void info(std::string_view m) const { log(TRELLIS_LOG_INFO, m); }
  void warn(std::string_view m) const { log(TRELLIS_LOG_WARNING, m); }
  void error(std::string_view m) const { log(TRELLIS_LOG_ERROR, m); }

  // The admin's value for a declared setting, or its declared default.
  std::optional<std::string> setting(std::string_view key) const {
    return read(s_->setting_get, key);
  }
  std::optional<std::string> kv_get(std::string_view key) const { return read(s_->kv_get, key); }
  void kv_put(std::string_view key, std::string_view value) const {
    check(s_->kv_put(s_->host_ctx, to_str(key), to_str(value)), "kv_put");
  }
  void kv_delete(std::string_view key) const {
    trellis_status st = s_->kv_delete(s_->host_ctx, to_str(key));
    if (st != TRELLIS_OK && st != TRELLIS_ERR_NOT_FOUND) check(st, "kv_delete");
  }

  HttpResponse http(std::string_view method, std::string_view url,
                    const std::vector<std::pair<std::string, std::string>>& headers = {},
                    std::string_view body = {}, uint32_t timeout_ms = 0) const {
    std::vector<trellis_http_header> raw;
    raw.reserve(headers.size());
    for (const auto& h : headers) raw.push_back({to_str(h.first), to_str(h.second)});
    trellis_http_request req{};
    req.struct_size = sizeof req;
    req.method = to_str(method);
    req.url = to_str(url);
    req.headers = raw.data();
    req.header_count = raw.size();
    req.body = to_str(body);
    req.timeout_ms = timeout_ms;
    HttpResponse out;
    StringSink body_sink;
    trellis_http_response_sink sink{};
    sink.struct_size = sizeof sink;
    sink.ctx = &out;
    sink.status = [](void* ctx, int32_t status) { static_cast<HttpResponse*>(ctx)->status = status; };
    sink.header = [](void* ctx, trellis_str n, trellis_str v) {
      try {
        static_cast<HttpResponse*>(ctx)->headers.emplace_back(std::string(to_view(n)), std::string(to_view(v)));
      } catch (...) {
      }
    };
    sink.body = *body_sink.get();
    sink.failure = [](void* ctx, trellis_str reason) {
      try {
        static_cast<HttpResponse*>(ctx)->failure = std::string(to_view(reason));
      } catch (...) {
      }
    };
    trellis_status st = s_->http_request(s_->host_ctx, &req, &sink);
    // The host's reason names the cause; a host older than 1.3 gives none.
    if (st != TRELLIS_OK && !out.failure.empty())
      throw Error(st, std::string(method) + " " + std::string(url) + ": " + out.failure);
    check(st, "http_request");
    out.body = std::move(body_sink.str());
    return out;
  }

  bool shutting_down() const { return s_->is_shutting_down && s_->is_shutting_down(s_->host_ctx) != 0; }
  const trellis_host_services* raw() const { return s_; }

 private:
  using Reader = trellis_status (*)(void*, trellis_str, trellis_sink*);
  std::optional<std::string> read(Reader fn, std::string_view key) const {
    StringSink out;
    trellis_status st = fn(s_->host_ctx, to_str(key), const_cast<trellis_sink*>(out.get()));
    if (st == TRELLIS_ERR_NOT_FOUND) return std::nullopt;
    check(st, "host read");
    return std::move(out.str());
  }
  static void check(trellis_status st, const char* what) {
    if (st != TRELLIS_OK) throw Error(st, std::string("host service ") + what + " failed with status " + std::to_string(st));
  }
  const trellis_host_services* s_;
};

}  // namespace sdk1
}  // namespace trellis

#endif
