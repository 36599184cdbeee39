// multipart/mixed bodies as the Statements resource uses them: the statement(s)
// as the first part, then one part per attachment, found by X-Experience-API-Hash.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace trellis::lrs {

struct MimePart {
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// The boundary parameter of a Content-Type header, or nullopt.
std::optional<std::string> multipart_boundary(std::string_view content_type);
Result<std::vector<MimePart>> parse_multipart(std::string_view body, const std::string& boundary);
std::string write_multipart(const std::vector<MimePart>& parts, const std::string& boundary);

}  // namespace trellis::lrs
