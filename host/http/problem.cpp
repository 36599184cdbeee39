#include "http/problem.hpp"

#include <nlohmann/json.hpp>

#include "http/server/response.hpp"

namespace trellis::http {

void send_problem(Response& res, int status, std::string_view title, std::string_view detail,
                  std::string_view type) {
  nlohmann::json body = {{"type", type}, {"title", title}, {"status", status}};
  if (!detail.empty()) body["detail"] = detail;
  res.status = status;
  res.set_body(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/problem+json");
}

int http_status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_input: return 422;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::usage: return 400;
    case ErrorKind::environment: return 503;
    case ErrorKind::internal: return 500;
  }
  return 500;
}

void send_error(Response& res, const Error& error) {
  int status = http_status_for(error.kind);
  send_problem(res, status, reason_phrase(status), error.message);
}

void send_throttled(Response& res, int retry_after_seconds) {
  res.set_header("Retry-After", std::to_string(retry_after_seconds));
  send_problem(res, 429, reason_phrase(429),
               "too many failed credential checks from this address or for this key; retry after " +
                   std::to_string(retry_after_seconds) + " s");
}

void send_json(Response& res, int status, std::string_view body) {
  res.status = status;
  res.set_body(std::string(body), "application/json");
}

void send_no_resource(Response& res, std::string_view path) {
  send_problem(res, 404, "Not Found", "no resource at " + std::string(path));
}

}  // namespace trellis::http
