// What a handler answers: a status, headers and one of three bodies: bytes in
// memory, a file on disk (the server answers Range requests and HEAD for it), or
// a stream the handler produces piece by piece on its worker thread while the
// connection's I/O thread sends what is ready (chunked transfer coding).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/server/headers.hpp"

namespace trellis::http {

// Where a streaming handler writes. write() blocks while the client is slow
// (bounded buffering) and returns false once the client has gone or stopped
// reading past the write deadline; the producer should then give up.
class BodyWriter {
 public:
  virtual ~BodyWriter() = default;
  virtual bool write(std::string_view bytes) = 0;
  virtual bool client_gone() const = 0;
  // The server is stopping: endless streams (events) should end now; finite
  // ones (an export) may finish within the stop grace.
  virtual bool server_stopping() const = 0;
};

// Returns false when it could not finish: the server then ends the connection
// without the final chunk, so the client sees an incomplete body rather than a
// short one that looks complete.
using StreamProducer = std::function<bool(BodyWriter&)>;

// The standard reason phrase of an HTTP status ("Not Found").
std::string_view reason_phrase(int status);

struct FileBody {
  std::filesystem::path path;
  std::string content_type;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  StreamProducer stream;
  std::optional<FileBody> file;
  bool close_connection = false;  // answer, then close (the request body was left unread, say)

  void set_header(std::string_view name, std::string_view value) { headers.set(name, value); }
  void set_body(std::string content, std::string_view content_type);
  void set_stream(std::string_view content_type, StreamProducer producer);
  void set_file(std::filesystem::path path, std::string_view content_type);
};

}  // namespace trellis::http
