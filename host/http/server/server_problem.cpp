#include <ctime>
#include <mutex>

#include <nlohmann/json.hpp>

#include "http/server/server_core.hpp"

namespace trellis::http {

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return status < 400 ? "OK" : status < 500 ? "Client Error" : "Server Error";
  }
}

}  // namespace trellis::http

namespace trellis::http::detail {

std::string problem_body(int status, std::string_view detail) {
  nlohmann::json body = {{"type", "about:blank"}, {"title", reason_phrase(status)}, {"status", status}};
  if (!detail.empty()) body["detail"] = detail;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string http_date_now() {
  static std::mutex mutex;
  static std::time_t cached_second = 0;
  static std::string cached;
  std::time_t now = std::time(nullptr);
  std::lock_guard lock(mutex);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = buf;
    cached_second = now;
  }
  return cached;
}

}  // namespace trellis::http::detail
