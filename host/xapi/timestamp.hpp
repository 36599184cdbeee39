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
// "YYYY-MM-DDTHH:MM:SS.fffZ": how every timestamp that is not xAPI's own (`stored`,
// `timestamp`) appears in CLI and HTTP JSON. `stored_text` is any timestamp
// parse_timestamp reads; text it cannot read is returned unchanged.
std::string display_timestamp(std::string_view stored_text);
int64_t now_micros();
bool is_duration(std::string_view text);

}  // namespace trellis::xapi
