#include "http/problem.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace trellis::http {

void send_problem(httplib::Response& res, int status, std::string_view title, std::string_view detail,
                  std::string_view type) {
  nlohmann::json body = {{"type", type}, {"title", title}, {"status", status}};
  if (!detail.empty()) body["detail"] = detail;
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/problem+json");
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

void send_error(httplib::Response& res, const Error& error) {
  int status = http_status_for(error.kind);
  send_problem(res, status, reason_phrase(status), error.message);
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Status";
  }
}

void send_json(httplib::Response& res, int status, std::string_view body) {
  res.status = status;
  res.set_content(std::string(body), "application/json");
}

}  // namespace trellis::http
