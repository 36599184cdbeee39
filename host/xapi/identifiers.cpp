#include "xapi/identifiers.hpp"

#include "xapi/ascii.hpp"

namespace trellis::xapi {

bool is_uuid(std::string_view text) {
  // 8-4-4-4-12 hex digits, either case.
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash_here = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_here ? text[i] != '-' : !ascii::hex(text[i])) return false;
  }
  return true;
}

bool is_iri(std::string_view text) {
  // scheme ':' rest. Scheme characters exclude ':', so the scheme ends at the
  // first colon; the rest is at least one character RFC 3987 allows in an IRI
  // (none of whitespace < > " { } | \ ^ `; a later ':' is fine).
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  if (!ascii::alpha(text[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = text[i];
    if (!ascii::alnum(c) && c != '+' && c != '.' && c != '-') return false;
  }
  for (size_t i = colon + 1; i < text.size(); ++i) {
    char c = text[i];
    if (ascii::space(c) || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '\\' ||
        c == '^' || c == '`')
      return false;
  }
  return true;
}

bool is_language_tag(std::string_view text) {
  // RFC 5646 in the loose form xAPI checks: a 1-8 letter primary subtag, then
  // any number of '-' and 1-8 letters or digits.
  size_t start = 0;
  for (bool first = true;; first = false) {
    size_t end = text.find('-', start);
    if (end == std::string_view::npos) end = text.size();
    size_t n = end - start;
    if (n < 1 || n > 8) return false;
    if (!ascii::run_of(text, start, n, first ? ascii::alpha : ascii::alnum)) return false;
    if (end == text.size()) return true;
    start = end + 1;
  }
}

bool is_mailto_iri(std::string_view text) {
  // "mailto:" then one '@' with something other than whitespace on each side.
  constexpr std::string_view scheme = "mailto:";
  if (text.substr(0, scheme.size()) != scheme) return false;
  std::string_view address = text.substr(scheme.size());
  size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : address)
    if (ascii::space(c)) return false;
  return true;
}

bool is_sha1_hex(std::string_view text) { return text.size() == 40 && ascii::run_of(text, 0, 40, ascii::hex); }

namespace {

// RFC 6838 restricted-name characters, as the check has always taken them.
constexpr bool media_type_char(char c) {
  return ascii::alnum(c) || c == '!' || c == '#' || c == '$' || c == '&' || c == '^' || c == '_' || c == '.' ||
         c == '+' || c == '-';
}

size_t media_token_at(std::string_view s, size_t at) {
  size_t n = 0;
  while (at + n < s.size() && media_type_char(s[at + n])) ++n;
  return n;
}

}  // namespace

bool is_media_type(std::string_view text) {
  // type '/' subtype, then nothing, or optional whitespace, ';' and parameters
  // (any characters but line breaks; they are not checked further).
  size_t type = media_token_at(text, 0);
  if (type == 0 || type == text.size() || text[type] != '/') return false;
  size_t subtype = media_token_at(text, type + 1);
  if (subtype == 0) return false;
  size_t i = type + 1 + subtype;
  if (i == text.size()) return true;
  while (i < text.size() && ascii::space(text[i])) ++i;
  if (i == text.size() || text[i] != ';') return false;
  for (++i; i < text.size(); ++i)
    if (text[i] == '\n' || text[i] == '\r') return false;
  return true;
}

}  // namespace trellis::xapi
