#include "trellis/testing/host_stub.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "trellis/cpp/core.hpp"

namespace trellis::testing {

HostStub::HostStub() {
  services_.struct_size = sizeof services_;
  services_.abi_major = TRELLIS_ABI_MAJOR;
  services_.abi_minor = TRELLIS_ABI_MINOR;
  services_.host_version = to_str(version_);
  services_.host_ctx = this;
  services_.log = &HostStub::log;
  services_.setting_get = &HostStub::setting_get;
  services_.kv_get = &HostStub::kv_get;
  services_.kv_put = &HostStub::kv_put;
  services_.kv_delete = &HostStub::kv_delete;
  services_.http_request = &HostStub::no_http;
  services_.is_shutting_down = &HostStub::is_shutting_down;
}

bool HostStub::declare_defaults(const std::filesystem::path& plugin_json, std::string& error) {
  std::error_code ec;
  if (!std::filesystem::exists(plugin_json, ec)) return true;
  std::ifstream in(plugin_json);
  auto manifest = in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
  if (manifest.is_discarded() || !manifest.is_object()) {
    error = plugin_json.string() + " is not a readable JSON object";
    return false;
  }
  auto declared = manifest.find("settings");
  if (declared == manifest.end() || !declared->is_array()) return true;
  std::lock_guard lock(mutex_);
  for (const auto& s : *declared) {
    if (!s.is_object() || !s.contains("name") || !s["name"].is_string()) continue;
    auto value = s.find("default");
    if (value == s.end() || value->is_null()) continue;
    settings_[s["name"].get<std::string>()] = value->is_string() ? value->get<std::string>() : value->dump();
  }
  return true;
}

void HostStub::set_setting(const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  settings_[key] = value;
}

void HostStub::unset_setting(const std::string& key) {
  std::lock_guard lock(mutex_);
  settings_.erase(key);
}

std::map<std::string, std::string> HostStub::kv() const {
  std::lock_guard lock(mutex_);
  return kv_;
}

void HostStub::kv_seed(const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  kv_[key] = value;
}

std::vector<LogLine> HostStub::logs() const {
  std::lock_guard lock(mutex_);
  return logs_;
}

bool HostStub::logged(int32_t level, std::string_view text) const {
  for (const auto& line : logs())
    if (line.level >= level && line.message.find(text) != std::string::npos) return true;
  return false;
}

void HostStub::clear_logs() {
  std::lock_guard lock(mutex_);
  logs_.clear();
}

void HostStub::set_http(HttpService service) { services_.http_request = service ? service : &HostStub::no_http; }

void HostStub::log(void* ctx, int32_t level, trellis_str message) {
  try {
    std::lock_guard lock(of(ctx).mutex_);
    of(ctx).logs_.push_back({level, std::string(to_view(message))});
  } catch (...) {
  }
}

trellis_status HostStub::read(const std::map<std::string, std::string>& from, trellis_str key, trellis_sink* out) const {
  if (out == nullptr || out->write == nullptr) return TRELLIS_ERR_INVALID_ARGUMENT;
  std::string value;
  try {
    std::lock_guard lock(mutex_);
    auto it = from.find(std::string(to_view(key)));
    if (it == from.end()) return TRELLIS_ERR_NOT_FOUND;
    value = it->second;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
  return out->write(out->ctx, to_str(value));
}

trellis_status HostStub::setting_get(void* ctx, trellis_str key, trellis_sink* out) {
  return of(ctx).read(of(ctx).settings_, key, out);
}

trellis_status HostStub::kv_get(void* ctx, trellis_str key, trellis_sink* out) { return of(ctx).read(of(ctx).kv_, key, out); }

trellis_status HostStub::kv_put(void* ctx, trellis_str key, trellis_str value) {
  try {
    std::lock_guard lock(of(ctx).mutex_);
    of(ctx).kv_[std::string(to_view(key))] = std::string(to_view(value));
    return TRELLIS_OK;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

trellis_status HostStub::kv_delete(void* ctx, trellis_str key) {
  try {
    std::lock_guard lock(of(ctx).mutex_);
    return of(ctx).kv_.erase(std::string(to_view(key))) ? TRELLIS_OK : TRELLIS_ERR_NOT_FOUND;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

trellis_status HostStub::no_http(void*, const trellis_http_request*, const trellis_http_response_sink*) {
  return TRELLIS_ERR_UNSUPPORTED;
}

int32_t HostStub::is_shutting_down(void* ctx) { return of(ctx).stopping_.load() ? 1 : 0; }

}  // namespace trellis::testing
