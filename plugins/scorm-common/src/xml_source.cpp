#include "xml_source.hpp"

#include <algorithm>

namespace trellis::scorm {

XmlSource source_of(std::string_view text, size_t piece_size) {
  piece_size = std::max<size_t>(piece_size, 1);
  return [text, piece_size](const XmlPiece& piece) {
    for (size_t at = 0; at < text.size(); at += piece_size)
      if (!piece(text.substr(at, piece_size))) return;
  };
}

std::string read_all(const XmlSource& source) {
  std::string text;
  source([&](std::string_view piece) {
    text.append(piece);
    return true;
  });
  return text;
}

}  // namespace trellis::scorm
