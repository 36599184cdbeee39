// The file part of a multipart/form-data upload (RFC 7578), taken from the body
// as the server stored it on disk and copied to a file of its own while reading
// in pieces: memory holds a piece and a boundary, never the upload.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace trellis::http {

struct FormFile {
  std::string filename;  // as sent (may be empty when the field is named "file")
  uint64_t size = 0;     // bytes of the part's content, counted past max_bytes too
  bool too_big = false;  // the content went past max_bytes; `out` holds only a prefix
};

// Copies the first part that carries a filename, or else is named "file", to
// `out`. nullopt when the form has no such part; an error when the body is not
// well-formed multipart or `out` cannot be written.
Result<std::optional<FormFile>> extract_form_file(const std::filesystem::path& body_file, std::string_view content_type,
                                                  const std::filesystem::path& out, uint64_t max_bytes);

}  // namespace trellis::http
