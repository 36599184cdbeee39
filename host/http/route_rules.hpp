// Small rules the route files share, as plain code (no std::regex on request data).
//
// Path ids keep the characters the old route regexes allowed: a path whose id
// breaks its rule is "no resource" (404) whoever asks, so the check runs in the
// guard, before any key check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/server/router.hpp"

namespace trellis::http {

// [A-Za-z0-9_-]+ : course, module, thread and post ids.
bool is_slug(std::string_view s);
// [a-z0-9][a-z0-9._-]{0,63} : plugin ids.
bool is_plugin_id(std::string_view s);
// [a-z0-9][a-z0-9.-]* : connector plugin ids in /api/v1/connectors/{id}/sync.
bool is_connector_id(std::string_view s);

// A route with its guard and body policy in one expression.
Route route(std::string method, std::string pattern, Handler handler, Guard guard = {},
            BodyMode body = BodyMode::memory, uint64_t body_limit = kSmallBody);

using IdRule = bool (*)(std::string_view);

// A guard answering 404 when capture(0) breaks `rule`, else running `then` (if any).
Guard id_guard(IdRule rule, Guard then = {});

// The request's Content-Length, when it sends a well-formed one (a chunked body has none).
std::optional<uint64_t> declared_length(const Request& req);

}  // namespace trellis::http
