#include "loaded_connector.hpp"

#include <condition_variable>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "plugin_loading.hpp"
#include "real_http.hpp"
#include "trellis/connector.h"
#include "trellis/host.h"
#include "trellis/plugin.h"

namespace trellis::testing {
namespace {

trellis_str str_of(std::string_view s) { return trellis_str{s.data(), s.size()}; }
std::string string_of(trellis_str s) { return s.size ? std::string(s.data, s.size) : std::string(); }

trellis_status append_to_string(void* ctx, trellis_str bytes) {
  static_cast<std::string*>(ctx)->append(bytes.data, bytes.size);
  return TRELLIS_OK;
}

const trellis_connector_v1* table_of(const void* p) { return static_cast<const trellis_connector_v1*>(p); }

// Declared settings with their defaults, as the host answers them before an
// admin configures anything. A null default is "not set" (NOT_FOUND).
std::map<std::string, std::string> declared_defaults(const std::filesystem::path& library) {
  std::map<std::string, std::string> out;
  std::ifstream in(library.parent_path() / "plugin.json");
  if (!in) return out;
  auto manifest = nlohmann::json::parse(in, nullptr, false);
  if (manifest.is_discarded() || !manifest.contains("settings")) return out;
  for (const auto& s : manifest["settings"]) {
    if (!s.contains("name") || !s.contains("default") || s["default"].is_null()) continue;
    out[s["name"].get<std::string>()] = s["default"].is_string() ? s["default"].get<std::string>() : s["default"].dump();
  }
  return out;
}

CollectedItem copy_of(const trellis_knowledge_item* raw) {
  CollectedItem item;
  item.kind = raw->kind;
  item.url = string_of(raw->url);
  item.title = string_of(raw->title);
  item.snippet = string_of(raw->snippet);
  item.ref = string_of(raw->ref);
  item.score = raw->score;
  if (TRELLIS_HAS_FIELD(raw, trellis_knowledge_item, deleted)) {
    item.author = string_of(raw->author);
    item.updated = string_of(raw->updated);
    item.body = string_of(raw->body);
    item.tags = string_of(raw->tags);
    item.deleted = raw->deleted != 0;
  }
  return item;
}

// Collects items; refuses past `limit` the way the host's sink does.
struct ItemCollector {
  ConnectorRun* run;
  size_t limit;
  trellis_item_sink sink{sizeof(trellis_item_sink), this, [](void* ctx, const trellis_knowledge_item* raw) {
                           auto* self = static_cast<ItemCollector*>(ctx);
                           if (self->run->items.size() >= self->limit) return TRELLIS_ERR_LIMIT;
                           self->run->items.push_back(copy_of(raw));
                           return TRELLIS_OK;
                         }};
};

}  // namespace

struct LoadedConnector::HostContext {
  mutable std::mutex mutex;
  std::map<std::string, std::string> settings, kv;
  std::vector<LogLine> logs;
  std::atomic<bool> cancelled{false};
  std::atomic<int> polls{0};
  std::thread timer;
  std::condition_variable timer_wake;
  bool timer_stop = false;
  std::string version = "0.1.0";
  trellis_host_services services{};
  trellis_cancel cancel{this, [](void* ctx) -> int32_t {
                          auto* self = static_cast<HostContext*>(ctx);
                          ++self->polls;
                          return self->cancelled.load() ? 1 : 0;
                        }};

  static HostContext& of(void* ctx) { return *static_cast<HostContext*>(ctx); }
  static trellis_status read(const std::map<std::string, std::string>& from, std::mutex& m, trellis_str key,
                             trellis_sink* out) {
    std::string value;
    {
      std::lock_guard lock(m);
      auto it = from.find(string_of(key));
      if (it == from.end()) return TRELLIS_ERR_NOT_FOUND;
      value = it->second;
    }
    return out->write(out->ctx, str_of(value));
  }

  HostContext() {
    services.struct_size = sizeof services;
    services.abi_major = TRELLIS_ABI_MAJOR;
    services.abi_minor = TRELLIS_ABI_MINOR;
    services.host_version = str_of(version);
    services.host_ctx = this;
    services.log = [](void* ctx, int32_t level, trellis_str message) {
      std::lock_guard lock(of(ctx).mutex);
      of(ctx).logs.push_back({level, string_of(message)});
    };
    services.setting_get = [](void* ctx, trellis_str key, trellis_sink* out) {
      return read(of(ctx).settings, of(ctx).mutex, key, out);
    };
    services.kv_get = [](void* ctx, trellis_str key, trellis_sink* out) { return read(of(ctx).kv, of(ctx).mutex, key, out); };
    services.kv_put = [](void* ctx, trellis_str key, trellis_str value) -> trellis_status {
      std::lock_guard lock(of(ctx).mutex);
      of(ctx).kv[string_of(key)] = string_of(value);
      return TRELLIS_OK;
    };
    services.kv_delete = [](void* ctx, trellis_str key) -> trellis_status {
      std::lock_guard lock(of(ctx).mutex);
      return of(ctx).kv.erase(string_of(key)) ? TRELLIS_OK : TRELLIS_ERR_NOT_FOUND;
    };
    services.http_request = &real_http;
    services.is_shutting_down = [](void*) -> int32_t { return 0; };
  }

  void stop_timer() {
    {
      std::lock_guard lock(mutex);
      timer_stop = true;
    }
    timer_wake.notify_all();
    if (timer.joinable()) timer.join();
    timer_stop = false;
  }
};

const CollectedItem* ConnectorRun::find(std::string_view ref) const {
  for (auto it = items.rbegin(); it != items.rend(); ++it)
    if (it->ref == ref) return &*it;
  return nullptr;
}

size_t ConnectorRun::count_deleted() const {
  size_t n = 0;
  for (const auto& item : items) n += item.deleted ? 1 : 0;
  return n;
}

LoadedConnector::LoadedConnector(const std::filesystem::path& library, std::map<std::string, std::string> settings)
    : host_(std::make_unique<HostContext>()) {
  host_->settings = declared_defaults(library);
  for (auto& [key, value] : settings) host_->settings[key] = std::move(value);
  LoadedLibrary loaded = load_plugin(library, &host_->services, TRELLIS_CAPABILITY_CONNECTOR);
  handle_ = loaded.handle;
  descriptor_ = loaded.descriptor;
  state_ = loaded.state;
  connector_ = loaded.capability;
}

LoadedConnector::~LoadedConnector() {
  host_->stop_timer();
  if (state_) static_cast<const trellis_plugin_descriptor*>(descriptor_)->shutdown(state_);
  // Plugin libraries are never unloaded (as in the host): a library's static
  // destructors must not run while a test may still hold its function pointers.
}

std::string LoadedConnector::plugin_id() const { return static_cast<const trellis_plugin_descriptor*>(descriptor_)->id; }
std::string LoadedConnector::source_name() const { return table_of(connector_)->source_name; }
bool LoadedConnector::offers_fetch() const { return table_of(connector_)->fetch != nullptr; }
bool LoadedConnector::offers_sync() const { return table_of(connector_)->sync != nullptr; }
bool LoadedConnector::offers_post() const { return table_of(connector_)->post != nullptr; }

ConnectorRun LoadedConnector::sync(std::string_view cursor) {
  ConnectorRun run;
  if (!offers_sync()) throw std::runtime_error("the plugin offers no sync");
  ItemCollector items{&run, SIZE_MAX};
  // The cursor sink records whether the plugin wrote to it at all: it must not on failure.
  struct Watch {
    bool written = false;
    std::string text;
  } watch;
  trellis_sink next_sink{&watch, [](void* ctx, trellis_str bytes) {
                           auto* w = static_cast<Watch*>(ctx);
                           w->written = true;
                           w->text.append(bytes.data, bytes.size);
                           return TRELLIS_OK;
                         }};
  trellis_sink error{&run.error, &append_to_string};
  run.status = table_of(connector_)->sync(state_, str_of(cursor), &items.sink, &next_sink, &host_->cancel, &error);
  run.cursor_written = watch.written;
  run.next_cursor = watch.text;
  return run;
}

ConnectorRun LoadedConnector::search(const TestQuery& q) {
  ConnectorRun run;
  ItemCollector items{&run, q.max_results};
  trellis_sink error{&run.error, &append_to_string};
  trellis_search_query raw{};
  raw.struct_size = sizeof raw;
  raw.course_id = str_of(q.course_id);
  raw.module_id = str_of(q.module_id);
  raw.title = str_of(q.title);
  raw.description = str_of(q.description);
  raw.keywords = str_of(q.keywords);
  raw.language = str_of(q.language);
  raw.max_results = q.max_results;
  raw.text = str_of(q.text);
  raw.objectives = str_of(q.objectives);
  raw.kinds = q.kinds;
  run.status = table_of(connector_)->search(state_, &raw, &items.sink, &host_->cancel, &error);
  return run;
}

ConnectorRun LoadedConnector::fetch(std::string_view ref) {
  ConnectorRun run;
  if (!offers_fetch()) throw std::runtime_error("the plugin offers no fetch");
  ItemCollector items{&run, 1};
  trellis_sink error{&run.error, &append_to_string};
  run.status = table_of(connector_)->fetch(state_, str_of(ref), &items.sink, &host_->cancel, &error);
  return run;
}

void LoadedConnector::set_setting(const std::string& key, const std::string& value) {
  std::lock_guard lock(host_->mutex);
  host_->settings[key] = value;
}

std::map<std::string, std::string> LoadedConnector::kv() const {
  std::lock_guard lock(host_->mutex);
  return host_->kv;
}

std::vector<LogLine> LoadedConnector::logs() const {
  std::lock_guard lock(host_->mutex);
  return host_->logs;
}

bool LoadedConnector::logged(int32_t level, std::string_view text) const {
  for (const auto& line : logs())
    if (line.level >= level && line.message.find(text) != std::string::npos) return true;
  return false;
}

void LoadedConnector::clear_logs() {
  std::lock_guard lock(host_->mutex);
  host_->logs.clear();
}

void LoadedConnector::cancel_now() { host_->cancelled = true; }

void LoadedConnector::cancel_after(std::chrono::milliseconds delay) {
  host_->stop_timer();
  HostContext* ctx = host_.get();
  ctx->timer = std::thread([ctx, delay] {
    std::unique_lock lock(ctx->mutex);
    if (!ctx->timer_wake.wait_for(lock, delay, [ctx] { return ctx->timer_stop; })) ctx->cancelled = true;
  });
}

void LoadedConnector::reset_cancel() {
  host_->stop_timer();
  host_->cancelled = false;
  host_->polls = 0;
}

int LoadedConnector::cancel_polls() const { return host_->polls.load(); }

}  // namespace trellis::testing
