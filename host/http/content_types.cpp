#include "http/content_types.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

namespace trellis {

std::string_view content_type_for(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {"html", "text/html; charset=utf-8"}, {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"}, {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"}, {"json", "application/json"}, {"xml", "application/xml"},
      {"xsd", "application/xml"}, {"txt", "text/plain; charset=utf-8"}, {"svg", "image/svg+xml"},
      {"png", "image/png"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"gif", "image/gif"},
      {"webp", "image/webp"}, {"ico", "image/x-icon"}, {"mp3", "audio/mpeg"}, {"wav", "audio/wav"},
      {"ogg", "audio/ogg"}, {"mp4", "video/mp4"}, {"webm", "video/webm"}, {"vtt", "text/vtt"},
      {"pdf", "application/pdf"}, {"woff", "font/woff"}, {"woff2", "font/woff2"}, {"ttf", "font/ttf"},
      {"otf", "font/otf"}, {"swf", "application/x-shockwave-flash"}, {"wasm", "application/wasm"}};
  auto slash = path.rfind('/');
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "application/octet-stream";
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& [e, type] : kTypes)
    if (e == ext) return type;
  return "application/octet-stream";
}

}  // namespace trellis
