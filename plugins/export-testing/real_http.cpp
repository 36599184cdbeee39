#include "real_http.hpp"

#include <chrono>
#include <string>

#include <httplib.h>

namespace trellis::testing {
namespace {

trellis_str str_of(const std::string& s) { return trellis_str{s.data(), s.size()}; }
std::string string_of(trellis_str s) { return s.size ? std::string(s.data, s.size) : std::string(); }

}  // namespace

// The whole response is handed to the plugin's sink at once.
trellis_status real_http(void*, const trellis_http_request* req, const trellis_http_response_sink* out) {
  std::string url = string_of(req->url);
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return TRELLIS_ERR_INVALID_ARGUMENT;
  size_t path_at = url.find('/', scheme_end + 3);
  std::string origin = url.substr(0, path_at), path = path_at == std::string::npos ? "/" : url.substr(path_at);
  httplib::Client client(origin);
  uint32_t timeout = req->timeout_ms ? req->timeout_ms : 30000;
  client.set_connection_timeout(std::chrono::milliseconds(timeout));
  client.set_read_timeout(std::chrono::milliseconds(timeout));
  httplib::Headers headers;
  std::string content_type = "application/octet-stream";
  for (size_t i = 0; i < req->header_count; ++i) {
    std::string name = string_of(req->headers[i].name), value = string_of(req->headers[i].value);
    if (name == "Content-Type") content_type = value;
    else headers.emplace(name, value);
  }
  std::string method = string_of(req->method);
  httplib::Result res = method == "POST"   ? client.Post(path, headers, string_of(req->body), content_type)
                        : method == "PUT" ? client.Put(path, headers, string_of(req->body), content_type)
                                          : client.Get(path, headers);
  if (!res) return TRELLIS_ERR_IO;
  out->status(out->ctx, res->status);
  for (const auto& [name, value] : res->headers) out->header(out->ctx, str_of(name), str_of(value));
  return out->body.write(out->body.ctx, str_of(res->body));
}

}  // namespace trellis::testing
