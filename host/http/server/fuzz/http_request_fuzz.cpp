// libFuzzer: bytes as a client would send them, through what the server does
// with a request head before any handler runs. Any crash, hang, leak or
// sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <limits>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "http/server/file_ranges.hpp"
#include "http/server/request_head.hpp"
#include "http/server/router.hpp"

namespace {

namespace bhttp = boost::beast::http;
using namespace trellis::http;

const Router& sample_router() {
  static const Router router = [] {
    Router r;
    auto nothing = [](Request&, Response&) {};
    r.get("/healthz", nothing);
    r.get("/api/v1/courses/{id}", nothing);
    r.post("/api/v1/courses/{id}/modules/{module}", nothing);
    r.get("/content/{course}/{path...}", nothing);
    r.add(Route("PUT", "/xapi/statements", nothing));
    return r;
  }();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!parser.is_header_done()) return 0;
  const auto& head = parser.get();
  Request request;
  trellis::http::detail::RequestHeadBuilder builder(request, 100);
  builder.start(head.method_string(), head.target());
  for (const auto& field : head)
    if (!builder.add_field(field.name_string(), field.value())) break;
  if (builder.finish()) return 0;
  auto match = sample_router().match(request.method, builder.raw_path());
  (void)match;
  trellis::http::detail::ByteRange range;
  (void)trellis::http::detail::parse_range(request.header("Range"), 1 << 20, range);
  (void)request.media_type();
  return 0;
}
