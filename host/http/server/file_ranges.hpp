// How to answer a request for a file: 200 with all of it, 206 with one byte
// range (RFC 9110 14), 304 when the client's copy is current (If-None-Match,
// If-Modified-Since), 416 for a range past the end, 404 when it cannot be
// opened. Plain code over the request's headers; the session sends the bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "http/server/headers.hpp"

namespace trellis::http::detail {

struct FilePlan {
  int status = 404;
  Headers headers;      // ETag, Last-Modified, Accept-Ranges, Content-Range
  std::string detail;   // for an error status
  int fd = -1;          // owned; open when there are bytes to send
  uint64_t offset = 0;
  uint64_t length = 0;
  uint64_t sent = 0;

  FilePlan() = default;
  FilePlan(FilePlan&& other) noexcept { *this = std::move(other); }
  FilePlan& operator=(FilePlan&& other) noexcept;
  FilePlan(const FilePlan&) = delete;
  FilePlan& operator=(const FilePlan&) = delete;
  ~FilePlan() { close(); }
  void close();
};

FilePlan plan_file_response(const std::filesystem::path& path, const Headers& request_headers, bool head_only);

struct ByteRange {
  uint64_t first = 0;
  uint64_t length = 0;
};
enum class RangeVerdict { whole, partial, unsatisfiable };
// One "bytes=" range against a file of `size` bytes. Several ranges, other
// units and malformed values are answered with the whole file, as RFC 9110
// allows a server to.
RangeVerdict parse_range(std::string_view header, uint64_t size, ByteRange& out);

}  // namespace trellis::http::detail
