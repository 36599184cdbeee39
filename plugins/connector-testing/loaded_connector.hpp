// A test-only host for connector plugins (capability trellis.connector/1): loads
// the real plugin library through its entry point, as the host does, and runs
// search, fetch and sync, collecting every item the plugin sends.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::testing {

struct CollectedItem {
  int32_t kind = -1;
  std::string url, title, snippet, ref;
  double score = 0;
  std::string author, updated, body, tags;
  bool deleted = false;
};

struct ConnectorRun {
  int32_t status = -1;
  std::vector<CollectedItem> items;
  bool cursor_written = false;
  std::string next_cursor;
  std::string error;

  const CollectedItem* find(std::string_view ref) const;  // the last item with `ref`
  size_t count_deleted() const;
  size_t count_live() const { return items.size() - count_deleted(); }
};

struct TestQuery {
  std::string text, title, description, keywords, objectives, module_id, course_id, language;
  uint32_t max_results = 10;
  uint32_t kinds = 0;
};

struct LogLine {
  int32_t level = 0;  // TRELLIS_LOG_*
  std::string message;
};

class LoadedConnector {
 public:
  // `settings` override the defaults declared in the plugin.json beside `library`.
  explicit LoadedConnector(const std::filesystem::path& library, std::map<std::string, std::string> settings = {});
  ~LoadedConnector();
  LoadedConnector(const LoadedConnector&) = delete;
  LoadedConnector& operator=(const LoadedConnector&) = delete;

  std::string plugin_id() const;
  std::string source_name() const;
  bool offers_fetch() const;
  bool offers_sync() const;
  bool offers_post() const;

  ConnectorRun sync(std::string_view cursor);
  ConnectorRun search(const TestQuery& query);
  ConnectorRun fetch(std::string_view ref);

  void set_setting(const std::string& key, const std::string& value);
  // The plugin's key-value storage, as it stands between calls.
  std::map<std::string, std::string> kv() const;
  std::vector<LogLine> logs() const;
  // True when a log line at `level` or above contains `text`.
  bool logged(int32_t level, std::string_view text) const;
  void clear_logs();

  // The cancel flag every call gets: raised now, after `delay` from now (a timer
  // thread), or lowered again. `cancel_polls` counts how often the plugin asked.
  void cancel_now();
  void cancel_after(std::chrono::milliseconds delay);
  void reset_cancel();
  int cancel_polls() const;

  struct HostContext;

 private:
  void* handle_ = nullptr;
  const void* descriptor_ = nullptr;
  void* state_ = nullptr;
  const void* connector_ = nullptr;
  std::unique_ptr<HostContext> host_;
};

}  // namespace trellis::testing
