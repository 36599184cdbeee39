#include "xapi/timestamp.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "xapi/ascii.hpp"

namespace trellis::xapi {

namespace {

// The value of the `n` digits at `at`; the caller has checked they are digits.
int digits_value(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Reads `n` digits at `at` into `out` and moves past them, or says no.
bool take_digits(std::string_view s, size_t& at, size_t n, int& out) {
  if (!ascii::run_of(s, at, n, ascii::digit)) return false;
  out = digits_value(s, at, n);
  at += n;
  return true;
}

bool take_char(std::string_view s, size_t& at, char c) {
  if (at >= s.size() || s[at] != c) return false;
  ++at;
  return true;
}

// month is 0-based, as std::tm keeps it.
int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 1 && leap ? 29 : kDays[month];
}

}  // namespace

std::optional<ParsedTimestamp> parse_timestamp(std::string_view s) {
  // YYYY-MM-DD, 'T' or 't', hh:mm:ss, optional '.' and fraction digits (any
  // number; microseconds are kept), then nothing, 'Z'/'z', or +hh, +hhmm, +hh:mm.
  std::tm tm{};  // read field by field; year and month as written, adjusted below
  size_t at = 0;
  if (!take_digits(s, at, 4, tm.tm_year) || !take_char(s, at, '-') || !take_digits(s, at, 2, tm.tm_mon) ||
      !take_char(s, at, '-') || !take_digits(s, at, 2, tm.tm_mday))
    return std::nullopt;
  if (!take_char(s, at, 'T') && !take_char(s, at, 't')) return std::nullopt;
  if (!take_digits(s, at, 2, tm.tm_hour) || !take_char(s, at, ':') || !take_digits(s, at, 2, tm.tm_min) ||
      !take_char(s, at, ':') || !take_digits(s, at, 2, tm.tm_sec))
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  int64_t frac = 0;
  if (take_char(s, at, '.')) {
    size_t n = ascii::digits_at(s, at);
    if (n == 0) return std::nullopt;
    for (size_t i = 0; i < 6; ++i) frac = frac * 10 + (i < n ? s[at + i] - '0' : 0);
    at += n;
  }
  ParsedTimestamp out;
  int64_t offset_secs = 0;
  if (at < s.size()) {
    char sign = s[at++];
    out.has_offset = true;
    if (sign == '+' || sign == '-') {
      int hh = 0, mm = 0;
      if (!take_digits(s, at, 2, hh)) return std::nullopt;
      if (at < s.size()) {
        take_char(s, at, ':');
        if (!take_digits(s, at, 2, mm)) return std::nullopt;
      }
      if (hh > 23 || mm > 59) return std::nullopt;  // an offset is a time of day
      offset_secs = (hh * 3600 + mm * 60) * (sign == '-' ? -1 : 1);
      out.negative_zero_offset = sign == '-' && hh == 0 && mm == 0;
    } else if (sign != 'Z' && sign != 'z') {
      return std::nullopt;
    }
    if (at != s.size()) return std::nullopt;
  }
  // A date the calendar does not have (month 00, 31 April, 29 February outside
  // a leap year) is refused rather than left to timegm, which would quietly move
  // it to another day. Second 60 stays: ISO 8601 allows a leap second.
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > days_in_month(tm.tm_year + 1900, tm.tm_mon) ||
      tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
    return std::nullopt;
  out.micros = (static_cast<int64_t>(timegm(&tm)) - offset_secs) * 1000000 + frac;
  return out;
}

std::string format_timestamp(int64_t micros) {
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(micros % 1000000));
  return buf;
}

std::string display_timestamp(std::string_view stored_text) {
  auto parsed = parse_timestamp(stored_text);
  if (!parsed) return std::string(stored_text);
  int64_t micros = parsed->micros;
  // Floor, not truncation toward zero, so times before 1970 keep their second.
  int64_t secs = micros / 1000000 - (micros % 1000000 < 0 ? 1 : 0);
  int64_t millis = (micros - secs * 1000000) / 1000;
  std::string text = format_timestamp(secs * 1000000);
  return text.substr(0, 20) + (millis < 100 ? (millis < 10 ? "00" : "0") : "") + std::to_string(millis) + "Z";
}

int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

// `\d+(\.\d+)?` at `at`: where it ends, or npos when there is no number.
size_t number_end(std::string_view s, size_t at) {
  size_t whole = ascii::digits_at(s, at);
  if (whole == 0) return std::string_view::npos;
  at += whole;
  if (at < s.size() && s[at] == '.') {
    size_t fraction = ascii::digits_at(s, at + 1);
    if (fraction == 0) return std::string_view::npos;
    at += 1 + fraction;
  }
  return at;
}

// Numbers each followed by one of `designators`, in that order, each at most
// once, from `at` up to the end or to a character that starts no number.
// False when a number is followed by anything else.
bool components(std::string_view s, size_t& at, std::string_view designators) {
  size_t next = 0;  // designators before this one are used up
  while (at < s.size() && ascii::digit(s[at])) {
    size_t end = number_end(s, at);
    if (end == std::string_view::npos || end == s.size()) return false;
    size_t which = designators.find(s[end], next);
    if (which == std::string_view::npos) return false;
    next = which + 1;
    at = end + 1;
  }
  return true;
}

}  // namespace

bool is_duration(std::string_view s) {
  // ISO 8601 as xAPI takes it: "PnW" alone, or P[nY][nM][nD][T[nH][nM][nS]]
  // with at least one part, a time part after 'T', and any part a decimal.
  if (s.size() < 2 || s[0] != 'P') return false;
  if (s.find('W') != std::string_view::npos) {
    size_t end = number_end(s, 1);
    return end != std::string_view::npos && end + 1 == s.size() && s[end] == 'W';
  }
  size_t at = 1;
  if (!components(s, at, "YMD")) return false;
  if (at < s.size() && s[at] == 'T') {
    ++at;
    if (at == s.size() || !ascii::digit(s[at])) return false;
    if (!components(s, at, "HMS")) return false;
  }
  return at == s.size();
}

}  // namespace trellis::xapi
