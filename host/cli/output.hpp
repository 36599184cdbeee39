// How commands report: data as JSON on stdout with --json, else readable text; a
// refusal as one line on stderr and the matching exit code.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string_view>

#include "core/result.hpp"

namespace trellis::cli {

void print_json(const nlohmann::json& value);
// What a command that changed something says it did: `value` with --json, else
// the line `text`. Returns 0, the exit code of success.
int report_done(bool json, const nlohmann::json& value, std::string_view text);
// Prints "trellis: <message>" on stderr and returns the exit code for `error`.
int report_error(const Error& error);
int usage_error(std::string_view message);

}  // namespace trellis::cli
