// The two date forms feeds and files use, to one output form (RFC 3339 UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trellis::connector_kit {

// RFC 822/1123 as RSS writes it: "Tue, 10 Jun 2003 04:00:00 GMT", day name and
// seconds optional, 2- or 4-digit year, numeric zones and the US/military names.
std::optional<int64_t> parse_rfc822(std::string_view text);
// RFC 3339 ("2003-12-13T18:30:02.25+01:00"), also a bare date ("2003-12-13",
// midnight UTC) and a space instead of the "T".
std::optional<int64_t> parse_rfc3339(std::string_view text);
// Either of the two; empty when neither reads the text.
std::string any_date_as_rfc3339(std::string_view text);
std::string rfc3339_utc(int64_t unix_seconds);

}  // namespace trellis::connector_kit
