// Proving a plugin in a child process. The child (`trellis plugin probe FOLDER`,
// hidden) loads the plugin, exercises every declared capability with canned and
// hostile inputs, and prints a JSON report; the parent reads it. A plugin that
// crashes, hangs or breaks a contract is then refused without the host having
// run one instruction of it.
#pragma once

#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace trellis::plugins {

// The report, in the child: {"id","version","loaded","reason","capabilities":[...],
// "cases":N,"problems":[{"capability","case","problem"}]}. `ok` is loaded && no problems.
nlohmann::json probe_here(const std::filesystem::path& folder);

// In the parent: runs `exe plugin probe FOLDER` and returns the report; a crash
// or timeout becomes a report with ok=false and the reason.
Result<nlohmann::json> probe_in_child(const std::filesystem::path& exe, const std::filesystem::path& folder);

// One line saying why a failed report refuses the plugin.
std::string refusal_reason(const nlohmann::json& report);

// The `trellis` executable to re-run for probes: this process when it is
// trellis, else a trellis beside it (test binaries); empty when none is found.
std::filesystem::path probe_executable();

}  // namespace trellis::plugins
