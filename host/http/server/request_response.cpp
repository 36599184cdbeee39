#include <algorithm>

#include "http/server/request.hpp"
#include "http/server/response.hpp"

namespace trellis::http {

std::optional<std::string> Request::query_value(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string Request::query_or(const std::string& name, std::string fallback) const {
  auto it = query.find(name);
  return it == query.end() ? std::move(fallback) : it->second;
}

std::string Request::media_type() const {
  std::string type = headers.get("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.erase(type.begin());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  // RFC 6265 section 4.2: "a=1; b=2", one Cookie header from a browser.
  const std::string header = headers.get("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

void Response::set_body(std::string content, std::string_view content_type) {
  body = std::move(content);
  headers.set("Content-Type", content_type);
  stream = nullptr;
  file.reset();
}

void Response::set_stream(std::string_view content_type, StreamProducer producer) {
  body.clear();
  headers.set("Content-Type", content_type);
  stream = std::move(producer);
  file.reset();
}

void Response::set_file(std::filesystem::path path, std::string_view content_type) {
  body.clear();
  stream = nullptr;
  file = FileBody{std::move(path), std::string(content_type)};
}

}  // namespace trellis::http
