// Errors over HTTP as RFC 9457 problem details (application/problem+json).
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "http/server/response.hpp"  // reason_phrase

namespace trellis::http {

void send_problem(Response& res, int status, std::string_view title, std::string_view detail = {},
                  std::string_view type = "about:blank");

// The HTTP status an ErrorKind maps to (invalid_input 422... see problem.cpp).
int http_status_for(ErrorKind kind);
void send_error(Response& res, const Error& error);

// 429 with Retry-After: the caller's credential failures are throttled.
void send_throttled(Response& res, int retry_after_seconds);

void send_json(Response& res, int status, std::string_view body);

// The 404 a path gets when no route takes it ("no resource at PATH").
void send_no_resource(Response& res, std::string_view path);

}  // namespace trellis::http
