// Errors over HTTP as RFC 9457 problem details (application/problem+json).
#pragma once

#include <string_view>

#include "core/result.hpp"

namespace httplib {
struct Response;
}

namespace trellis::http {

void send_problem(httplib::Response& res, int status, std::string_view title, std::string_view detail = {},
                  std::string_view type = "about:blank");

// The HTTP status an ErrorKind maps to (invalid_input 422... see problem.cpp).
int http_status_for(ErrorKind kind);
void send_error(httplib::Response& res, const Error& error);

// The standard reason phrase of an HTTP status ("Not Found").
std::string_view reason_phrase(int status);

void send_json(httplib::Response& res, int status, std::string_view body);

}  // namespace trellis::http
