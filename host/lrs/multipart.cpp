#include "lrs/multipart.hpp"
#include "core/ascii_case.hpp"

#include <algorithm>
#include <cctype>

namespace trellis::lrs {
namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  std::string ct = ascii_lower(std::string(content_type));
  auto at = ct.find("boundary=");
  if (at == std::string::npos) return std::nullopt;
  std::string_view rest = content_type.substr(at + 9);
  auto end = rest.find(';');
  std::string b = trim(rest.substr(0, end));
  if (b.size() >= 2 && b.front() == '"' && b.back() == '"') b = b.substr(1, b.size() - 2);
  if (b.empty()) return std::nullopt;
  return b;
}

Result<std::vector<MimePart>> parse_multipart(std::string_view body, const std::string& boundary) {
  std::string delim = "--" + boundary;
  std::vector<MimePart> parts;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return make_error(ErrorKind::invalid_input, "multipart body has no boundary line");
  pos += delim.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;
    if (body.substr(pos, 2) == "\r\n")
      pos += 2;
    else if (body.substr(pos, 1) == "\n")
      pos += 1;
    else
      return make_error(ErrorKind::invalid_input, "malformed multipart boundary line");
    size_t next = body.find("\r\n" + delim, pos);
    size_t skip = 2;
    if (next == std::string_view::npos) {
      next = body.find("\n" + delim, pos);
      skip = 1;
    }
    if (next == std::string_view::npos) return make_error(ErrorKind::invalid_input, "multipart body is not closed");
    std::string_view part = body.substr(pos, next - pos);
    size_t header_end = part.find("\r\n\r\n");
    size_t sep = 4;
    if (header_end == std::string_view::npos) {
      header_end = part.find("\n\n");
      sep = 2;
    }
    MimePart p;
    if (part.substr(0, 2) == "\r\n") {
      header_end = 0;
      sep = 2;
    } else if (header_end == std::string_view::npos) {
      return make_error(ErrorKind::invalid_input, "a multipart part has no header end");
    }
    std::string_view headers = part.substr(0, header_end);
    size_t line_start = 0;
    while (line_start < headers.size()) {
      size_t line_end = headers.find('\n', line_start);
      if (line_end == std::string_view::npos) line_end = headers.size();
      std::string_view line = headers.substr(line_start, line_end - line_start);
      auto colon = line.find(':');
      if (colon != std::string_view::npos) p.headers[ascii_lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
      line_start = line_end + 1;
    }
    p.body = std::string(part.substr(header_end + sep));
    parts.push_back(std::move(p));
    pos = next + skip + delim.size();
  }
}

std::string write_multipart(const std::vector<MimePart>& parts, const std::string& boundary) {
  std::string out;
  for (const auto& p : parts) {
    out += "--" + boundary + "\r\n";
    for (const auto& [k, v] : p.headers) out += k + ": " + v + "\r\n";
    out += "\r\n" + p.body + "\r\n";
  }
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace trellis::lrs
