// ISO 8601 timestamps and durations as xAPI uses them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trellis::xapi {

struct ParsedTimestamp {
  int64_t micros = 0;  // since the Unix epoch, UTC
  bool has_offset = false;
  bool negative_zero_offset = false;  // "-00:00" and friends, which xAPI forbids
};

std::optional<ParsedTimestamp> parse_timestamp(std::string_view text);  // one linear pass
// "YYYY-MM-DDTHH:MM:SS.ffffffZ", the form `stored` uses (comparable as text).
std::string format_timestamp(int64_t micros);
int64_t now_micros();
bool is_duration(std::string_view text);

}  // namespace trellis::xapi
