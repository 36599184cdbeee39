#include "trellis/import_kit/text.hpp"

#include <charconv>

namespace trellis::kit {
namespace {
bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_xml_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_xml_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  text = trim(text);
  std::string out;
  out.reserve(text.size());
  bool in_space = false;
  for (char c : text) {
    if (is_xml_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(c);
  }
  return out;
}

bool is_language_tag(std::string_view text) {
  size_t i = 0;
  bool first = true;
  while (true) {
    size_t start = i;
    while (i < text.size() && (is_ascii_alpha(text[i]) || (!first && is_ascii_digit(text[i])))) ++i;
    size_t len = i - start;
    if (len < 1 || len > 8) return false;
    if (i == text.size()) return true;
    if (text[i] != '-') return false;
    ++i;
    first = false;
  }
}

bool parse_decimal(std::string_view text, double& value) {
  text = trim(text);
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = 0;
  while (i < text.size() && is_ascii_digit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_ascii_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0 || i != text.size()) return false;
  // from_chars takes no '+' and never depends on the locale.
  if (text.front() == '+') text.remove_prefix(1);
  return std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc();
}

bool is_top_level_xml_file(std::string_view path) {
  if (path.size() < 5 || path.find('/') != std::string_view::npos) return false;
  std::string_view tail = path.substr(path.size() - 4);
  return tail[0] == '.' && (tail[1] | 0x20) == 'x' && (tail[2] | 0x20) == 'm' && (tail[3] | 0x20) == 'l';
}

std::string_view without_bom(std::string_view text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  return text;
}

}  // namespace trellis::kit
