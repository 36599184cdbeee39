#include "trellis/testing/real_http.hpp"

#include <chrono>
#include <string>

#include <httplib.h>

#include "trellis/cpp/core.hpp"

namespace trellis::testing {
namespace {

trellis_status answer(const httplib::Result& res, const trellis_http_response_sink* out) {
  if (!res) {
    if (TRELLIS_HAS_FIELD(out, trellis_http_response_sink, failure) && out->failure != nullptr)
      out->failure(out->ctx, to_str(httplib::to_string(res.error())));
    return TRELLIS_ERR_IO;
  }
  if (out->status) out->status(out->ctx, res->status);
  if (out->header)
    for (const auto& [name, value] : res->headers) out->header(out->ctx, to_str(name), to_str(value));
  return out->body.write ? out->body.write(out->body.ctx, to_str(res->body)) : TRELLIS_OK;
}

}  // namespace

trellis_status real_http(void*, const trellis_http_request* req, const trellis_http_response_sink* out) {
  if (req == nullptr || out == nullptr) return TRELLIS_ERR_INVALID_ARGUMENT;
  try {
    std::string url(to_view(req->url));
    size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return TRELLIS_ERR_INVALID_ARGUMENT;
    size_t path_at = url.find('/', scheme_end + 3);
    std::string origin = url.substr(0, path_at), path = path_at == std::string::npos ? "/" : url.substr(path_at);
    httplib::Client client(origin);
    auto timeout = std::chrono::milliseconds(req->timeout_ms ? req->timeout_ms : 30000);
    client.set_connection_timeout(timeout);
    client.set_read_timeout(timeout);
    httplib::Headers headers;
    std::string content_type = "application/octet-stream";
    for (size_t i = 0; i < req->header_count; ++i) {
      std::string name(to_view(req->headers[i].name)), value(to_view(req->headers[i].value));
      if (name == "Content-Type") content_type = value;
      else headers.emplace(name, value);
    }
    std::string method(to_view(req->method)), body(to_view(req->body));
    if (method == "POST") return answer(client.Post(path, headers, body, content_type), out);
    if (method == "PUT") return answer(client.Put(path, headers, body, content_type), out);
    if (method == "GET") return answer(client.Get(path, headers), out);
    return TRELLIS_ERR_UNSUPPORTED;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

}  // namespace trellis::testing
