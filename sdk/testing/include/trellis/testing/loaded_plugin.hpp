// One plugin library loaded for a test (see loader.hpp) with its own HostStub
// and CancelFlag. A load failure does not throw: loaded() is false, load_error()
// says why, and every call then answers with that error.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trellis/testing/cancel_flag.hpp"
#include "trellis/testing/host_stub.hpp"
#include "trellis/testing/loader.hpp"

namespace trellis::testing {

// Settings given override the defaults declared in the plugin.json beside the
// library; `http` serves http_request (NULL: it answers TRELLIS_ERR_UNSUPPORTED).
using Settings = std::map<std::string, std::string>;

class LoadedPlugin {
 public:
  LoadedPlugin(const std::filesystem::path& library, const char* capability_id, const Settings& settings,
               HttpService http);
  ~LoadedPlugin();  // shutdown; the library stays loaded, as in the host
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  bool loaded() const { return library_.ok(); }
  const std::string& load_error() const { return library_.error; }
  std::string plugin_id() const;
  std::string plugin_version() const;

  HostStub& host() const { return *host_; }
  CancelFlag& cancel() const { return *cancel_; }

  // Shortcuts to host() and cancel().
  void set_setting(const std::string& key, const std::string& value) const { host_->set_setting(key, value); }
  std::map<std::string, std::string> kv() const { return host_->kv(); }
  std::vector<LogLine> logs() const { return host_->logs(); }
  bool logged(int32_t level, std::string_view text) const { return host_->logged(level, text); }
  void clear_logs() const { host_->clear_logs(); }
  void cancel_now() const { cancel_->cancel_now(); }
  void cancel_after(std::chrono::milliseconds delay) const { cancel_->cancel_after(delay); }
  void reset_cancel() const { cancel_->reset(); }
  int cancel_polls() const { return cancel_->polls(); }

 protected:
  const void* table() const { return library_.capability; }
  void* state() const { return library_.state; }
  std::string not_loaded() const { return "the plugin did not load: " + library_.error; }

 private:
  std::unique_ptr<HostStub> host_;
  std::unique_ptr<CancelFlag> cancel_;
  LoadedLibrary library_;
};

}  // namespace trellis::testing
