#include "knowledge/result_links.hpp"

namespace trellis::knowledge {
namespace {

// RFC 3986 unreserved characters stay; everything else, '/' included, is escaped,
// so a ref with slashes stays one segment (the router decodes after splitting).
std::string encode_segment(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool keep = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
                u == '.' || u == '_' || u == '~';
    if (keep) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::string document_path(std::string_view source, std::string_view ref) {
  return std::string(kDocumentsPath) + encode_segment(source) + "/" + encode_segment(ref);
}

std::string browser_url(std::string_view kind, std::string_view source, std::string_view ref,
                        const std::string& stored_url) {
  if (kind == "document" && !starts_with(stored_url, "https://") && !starts_with(stored_url, "http://"))
    return document_path(source, ref);
  // The module itself (its course, its discussions and links from there), not only its course.
  if (kind == "module" && source == "catalog") return "/api/v1/modules/" + encode_segment(ref);
  return stored_url;
}

}  // namespace trellis::knowledge
