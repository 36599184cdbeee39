// Character classes for the xAPI value grammars, ASCII only and independent of
// the locale (std::isdigit and friends depend on it, and take no plain char).
// They stand in for the regular expressions these checks once were: a regex
// engine that backtracks recursively overflows the stack on one long value.
#pragma once

#include <cstddef>
#include <string_view>

namespace trellis::xapi::ascii {

constexpr bool digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr bool alnum(char c) { return digit(c) || alpha(c); }
constexpr bool hex(char c) { return digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
// What `\s` matched in the C locale.
constexpr bool space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The length of the run of digits at `at` (0 when there is none).
constexpr size_t digits_at(std::string_view s, size_t at) {
  size_t n = 0;
  while (at + n < s.size() && digit(s[at + n])) ++n;
  return n;
}

// True when `s` has exactly `n` characters from `at` on that all pass `is`.
template <typename Pred>
constexpr bool run_of(std::string_view s, size_t at, size_t n, Pred is) {
  if (at + n > s.size()) return false;
  for (size_t i = at; i < at + n; ++i)
    if (!is(s[i])) return false;
  return true;
}

}  // namespace trellis::xapi::ascii
