#include "trellis/connector_kit/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace trellis::connector_kit {
namespace {

// Length of the valid UTF-8 sequence starting at `at`, or 0 when it is not one
// (overlong forms, surrogates and code points past U+10FFFF are refused).
size_t sequence_length(std::string_view s, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(at);
  if (c < 0x80) return 1;
  size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n == 0 || at + n > s.size()) return 0;
  for (size_t i = 1; i < n; ++i)
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
  unsigned char c1 = byte(at + 1);
  if (c == 0xe0 && c1 < 0xa0) return 0;
  if (c == 0xed && c1 >= 0xa0) return 0;
  if (c == 0xf0 && c1 < 0x90) return 0;
  if (c == 0xf4 && c1 >= 0x90) return 0;
  return n;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

constexpr std::array<std::string_view, 40> kStopWords = {
    "a",    "an",   "and",  "are",  "as",   "at",   "be",   "by",   "for",  "from",
    "has",  "have", "how",  "in",   "into", "is",   "it",   "its",  "of",   "on",
    "or",   "that", "the",  "their", "then", "there", "these", "this", "to",  "was",
    "were", "what", "when", "which", "who",  "will", "with", "you",  "your", "not"};

}  // namespace

namespace {
// The first byte that breaks UTF-8 (or, with `controls`, is a control character
// other than tab and line breaks), or npos. ASCII is skipped a byte at a time.
size_t first_bad_byte(std::string_view text, bool controls) {
  // Word-at-a-time tests (each byte of w): any with the high bit, any below n.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto any_below = [&](uint64_t w, uint64_t n) { return ((w - kOnes * n) & ~w & kHigh) != 0; };
  auto any_equal = [&](uint64_t w, uint64_t n) { return any_below(w ^ (kOnes * n), 1); };
  for (size_t at = 0; at < text.size();) {
    // Eight plain ASCII bytes at a time (with `controls`: none below 0x20, no DEL).
    if (at + 8 <= text.size()) {
      uint64_t w;
      std::memcpy(&w, text.data() + at, 8);
      if ((w & kHigh) == 0 && (!controls || (!any_below(w, 0x20) && !any_equal(w, 0x7f)))) {
        at += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) {
      if (controls && (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n' && c != '\r') return at;
      ++at;
      continue;
    }
    size_t n = sequence_length(text, at);
    if (n == 0) return at;
    at += n;
  }
  return std::string_view::npos;
}
}  // namespace

size_t first_invalid_utf8(std::string_view text) { return first_bad_byte(text, false); }

bool valid_utf8(std::string_view text) { return first_invalid_utf8(text) == std::string_view::npos; }

std::string repair_utf8(std::string_view text) {
  size_t clean = first_bad_byte(text, true);  // most text needs nothing and is copied as it is
  if (clean == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  out.append(text.substr(0, clean));
  for (size_t at = clean; at < text.size();) {
    size_t n = sequence_length(text, at);
    if (n == 0) {
      out += "\xef\xbf\xbd";
      ++at;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (n == 1 && (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n' && c != '\r')
      out += ' ';
    else
      out.append(text.substr(at, n));
    at += n;
  }
  return out;
}

std::string_view without_bom(std::string_view text) {
  return text.substr(0, 3) == "\xef\xbb\xbf" ? text.substr(3) : text;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  for (char c : trim(text)) {
    if (is_space(c)) {
      pending = true;
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string snippet_of(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  size_t space = text.rfind(' ', cut);
  if (space != std::string_view::npos && space > max_bytes * 3 / 4) cut = space;
  return std::string(trim(text.substr(0, cut))) + "\xe2\x80\xa6";
}

std::string excerpt_of(std::string_view text, size_t max_bytes) {
  size_t cut = std::min(text.size(), max_bytes * 8);
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  return snippet_of(collapse_spaces(text.substr(0, cut)), max_bytes);
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string lowered = ascii_lower(text);
  for_each_lowered_word(lowered, [&](std::string_view w) { words.emplace_back(w); });
  return words;
}

void for_each_lowered_word(std::string_view text, const std::function<void(std::string_view)>& visit) {
  size_t start = 0;
  auto flush = [&](size_t end) {
    std::string_view word = text.substr(start, end - start);
    bool stop = word.size() <= 5 && std::find(kStopWords.begin(), kStopWords.end(), word) != kStopWords.end();
    if (!word.empty() && word.size() <= 64 && !stop) visit(word);
  };
  size_t at = 0;
  while (at < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      ++at;
      continue;
    }
    size_t n = c >= 0x80 ? sequence_length(text, at) : 0;
    // Any non-ASCII character counts as a letter, except the general punctuation
    // block (U+2000..U+206F: dashes, quotes, ellipsis) and U+0080..U+00BF (nbsp, signs).
    bool letter = n > 0 && !(n == 3 && c == 0xe2 && (static_cast<unsigned char>(text[at + 1]) & 0xfc) == 0x80) &&
                  !(n == 2 && c == 0xc2);
    if (letter) {
      at += n;
      continue;
    }
    flush(at);
    at += n > 0 ? n : 1;
    start = at;
  }
  flush(at);
}

}  // namespace trellis::connector_kit
