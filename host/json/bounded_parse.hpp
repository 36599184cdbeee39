// The one way the host turns text it did not build itself into JSON: request
// bodies and parameters, what plugins hand over, rows read back from the
// database. nlohmann's parser does not recurse, but copying, comparing and
// dump() of a parsed value do, so a body nested 50,000 levels deep would crash
// the server in serializer::dump. Parsing stops at a nesting limit instead and
// says so; everything downstream may then recurse safely.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace trellis {

struct JsonLimits {
  // Containers open at once: `{}` at the top is level 1, `{"a":[1]}` reaches 2.
  size_t max_depth = 64;
};

// Requests and plugin data. An xAPI statement uses about ten levels (batch,
// statement, SubStatement, context, contextActivities, definition, extensions);
// 64 leaves extension values fifty levels of their own, which no real
// extension needs, while any recursion over 64 levels is harmless.
inline constexpr JsonLimits kRequestJson{64};
// Documents the host wrote or an importer made: a course tree may be 200
// levels deep (catalog's limit) and takes two JSON levels per tree level, and
// rows stored before the request limit existed must stay readable. 512 levels
// of recursion still use well under 1% of a thread's stack.
inline constexpr JsonLimits kStoredJson{512};

// The value, or ErrorKind::usage (answered as 400 by both the API and the LRS:
// the request itself is malformed) with "not valid JSON: ..." or "JSON nested
// deeper than N levels at byte M" (M counted from 0, the bracket that opens
// level N+1).
Result<nlohmann::json> parse_json(std::string_view text, JsonLimits limits = kRequestJson);

// For callers that take anything unreadable as absent (mostly text the host
// stored itself): the value, or a discarded one (is_discarded()) when
// parse_json refuses the text.
nlohmann::json parse_json_or_discarded(std::string_view text, JsonLimits limits);

}  // namespace trellis
