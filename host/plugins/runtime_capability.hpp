// The host's side of trellis.runtime/1: one enabled plugin's runtime for one
// module format, callable without touching the C ABI. Borrowed from the
// PluginManager that found it, valid as long as that manager lives.
//
// Both calls are pure functions of the request (see trellis/runtime.h), so a
// RuntimeCapability may be called from any thread, concurrently. Whatever the
// plugin does wrong (a failure status, an answer that is not a JSON object,
// an answer larger than the host takes) comes back as an Error, never as an
// exception or a crash of the caller's logic.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "trellis/runtime.h"

namespace trellis::plugins {

struct PluginRecord;

class RuntimeCapability {
 public:
  RuntimeCapability(const PluginRecord& plugin, const trellis_runtime_v1& table, void* state);

  // The module format the runtime runs, as the importer wrote it ("scorm12").
  const std::string& format() const { return format_; }
  // The id of the plugin that offers it, for messages.
  const std::string& plugin_id() const { return plugin_id_; }

  // "trellis.launch-request/1" in, "trellis.launch-plan/1" text out.
  Result<std::string> prepare_launch(std::string_view request_json) const;
  // "trellis.commit-request/1" in, "trellis.commit-outcome/1" text out. A
  // refused commit (error_code != 0) is a successful call: it is the
  // outcome's content, not a failure of the plugin.
  Result<std::string> apply_commit(std::string_view request_json) const;

  // Whether a plugin's table is complete enough to be offered at all.
  static bool usable(const trellis_runtime_v1* table);

 private:
  using Call = trellis_status (*)(void*, trellis_str, const trellis_sink*, const trellis_sink*);
  Result<std::string> call(Call fn, std::string_view what, std::string_view request_json) const;

  std::string format_;
  std::string plugin_id_;
  const trellis_runtime_v1* table_;
  void* state_;
};

}  // namespace trellis::plugins
