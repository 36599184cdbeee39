// HTML to plain text in one pass, without building a tree: connectors only need
// the words a reader sees, and this runs over every document a folder holds.
#include <array>
#include <cstdint>
#include <utility>

#include "trellis/connector_kit/text.hpp"

namespace trellis::connector_kit {
namespace {

constexpr std::array<std::pair<std::string_view, uint32_t>, 44> kNamedEntities = {{
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},         {"quot", '"'},       {"apos", '\''},
    {"nbsp", 0xa0},     {"copy", 0xa9},      {"reg", 0xae},       {"trade", 0x2122},   {"hellip", 0x2026},
    {"mdash", 0x2014},  {"ndash", 0x2013},   {"lsquo", 0x2018},   {"rsquo", 0x2019},   {"ldquo", 0x201c},
    {"rdquo", 0x201d},  {"laquo", 0xab},     {"raquo", 0xbb},     {"bull", 0x2022},    {"middot", 0xb7},
    {"deg", 0xb0},      {"eacute", 0xe9},    {"egrave", 0xe8},    {"ecirc", 0xea},     {"agrave", 0xe0},
    {"aacute", 0xe1},   {"acirc", 0xe2},     {"ccedil", 0xe7},    {"uuml", 0xfc},      {"ouml", 0xf6},
    {"auml", 0xe4},     {"Uuml", 0xdc},      {"Ouml", 0xd6},      {"Auml", 0xc4},      {"szlig", 0xdf},
    {"iacute", 0xed},   {"oacute", 0xf3},    {"uacute", 0xfa},    {"ntilde", 0xf1},    {"euro", 0x20ac},
    {"pound", 0xa3},    {"times", 0xd7},     {"sect", 0xa7},      {"para", 0xb6},
}};

void append_code_point(std::string& out, uint32_t cp) {
  if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) cp = 0xfffd;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Decodes the entity at text[at] == '&' into `out`; returns the bytes used, or 0
// when it is not an entity (the '&' is then ordinary text).
size_t decode_entity_at(std::string_view text, size_t at, std::string& out) {
  size_t end = text.find(';', at + 1);
  if (end == std::string_view::npos || end - at > 12 || end == at + 1) return 0;
  std::string_view name = text.substr(at + 1, end - at - 1);
  if (name[0] == '#') {
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t cp = 0;
    for (char c : digits) {
      uint32_t d;
      if (c >= '0' && c <= '9') d = static_cast<uint32_t>(c - '0');
      else if (hex && c >= 'a' && c <= 'f') d = static_cast<uint32_t>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F') d = static_cast<uint32_t>(c - 'A' + 10);
      else return 0;
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10ffff) cp = 0x110000;  // stays out of range without overflowing
    }
    append_code_point(out, cp);
    return end - at + 1;
  }
  for (const auto& [entity, cp] : kNamedEntities)
    if (entity == name) {
      append_code_point(out, cp);
      return end - at + 1;
    }
  return 0;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Position of `needle` (lower case, non-empty) in `text` from `from`, ignoring ASCII case.
size_t find_ci(std::string_view text, std::string_view needle, size_t from) {
  for (size_t at = text.find(needle[0], from); at != std::string_view::npos; at = text.find(needle[0], at + 1)) {
    if (at + needle.size() > text.size()) return std::string_view::npos;
    size_t i = 1;
    while (i < needle.size() && lower(text[at + i]) == needle[i]) ++i;
    if (i == needle.size()) return at;
  }
  return std::string_view::npos;
}

bool breaks_line(std::string_view tag) {
  static constexpr std::array<std::string_view, 26> kBlocks = {
      "p",  "div", "br", "li", "ul", "ol", "h1", "h2",  "h3",      "h4",      "h5",     "h6",      "tr",
      "td", "th",  "hr", "dd", "dt", "pre", "table", "section", "article", "header", "footer", "blockquote", "title"};
  for (auto b : kBlocks)
    if (b == tag) return true;
  return false;
}

// End of the tag starting at text[at] == '<' (one past its '>'), quotes respected.
size_t tag_end(std::string_view text, size_t at) {
  char quote = 0;
  for (size_t i = at + 1; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return text.size();
}

bool is_blank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Collapses spaces within lines and keeps at most one line break in a row,
// copying runs of visible characters at once. (Plain loops: find_first_of with
// a set costs a memchr per character.)
std::string tidy_lines(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t at = 0, n = raw.size();
  while (at < n && is_blank(raw[at])) ++at;
  while (at < n) {
    size_t end = at;
    while (end < n && !is_blank(raw[end])) ++end;
    out.append(raw.data() + at, end - at);
    bool newline = false;
    while (end < n && is_blank(raw[end])) newline |= raw[end++] == '\n';
    if (end < n) out += newline ? '\n' : ' ';
    at = end;
  }
  return out;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '&') {
      if (size_t used = decode_entity_at(text, at, out)) {
        at += used - 1;
        continue;
      }
    }
    out += text[at];
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string raw;
  raw.reserve(html.size());
  size_t at = 0;
  while (at < html.size()) {
    size_t next = at;
    while (next < html.size() && html[next] != '<' && html[next] != '&') ++next;
    raw.append(html.substr(at, next - at));
    at = next;
    if (at >= html.size()) break;
    if (html[at] == '&') {
      size_t used = decode_entity_at(html, at, raw);
      if (used == 0) raw += '&';
      at += used ? used : 1;
      continue;
    }
    char after = at + 1 < html.size() ? html[at + 1] : '\0';
    if (html.compare(at, 4, "<!--") == 0) {
      size_t end = html.find("-->", at + 4);
      at = end == std::string_view::npos ? html.size() : end + 3;
    } else if (html.compare(at, 9, "<![CDATA[") == 0) {
      size_t end = html.find("]]>", at + 9);
      raw.append(html.substr(at + 9, (end == std::string_view::npos ? html.size() : end) - at - 9));
      at = end == std::string_view::npos ? html.size() : end + 3;
    } else if (after == '!' || after == '?') {
      at = tag_end(html, at);
    } else if (is_letter(after) || (after == '/' && at + 2 < html.size() && is_letter(html[at + 2]))) {
      size_t name_at = at + (after == '/' ? 2 : 1), name_end = name_at;
      while (name_end < html.size() && (is_letter(html[name_end]) || (html[name_end] >= '0' && html[name_end] <= '9')))
        ++name_end;
      std::string name = ascii_lower(html.substr(name_at, name_end - name_at));
      at = tag_end(html, at);
      if (after != '/' && (name == "script" || name == "style" || name == "head" || name == "template")) {
        size_t close = find_ci(html, "</" + name, at);
        at = close == std::string_view::npos ? html.size() : tag_end(html, close);
      } else if (breaks_line(name)) {
        raw += '\n';
      }
    } else {
      raw += '<';
      ++at;
    }
  }
  return repair_utf8(tidy_lines(raw));
}

}  // namespace trellis::connector_kit
