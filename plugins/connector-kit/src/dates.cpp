#include "trellis/connector_kit/dates.hpp"

#include <array>
#include <cstdio>
#include <ctime>

#include "trellis/connector_kit/text.hpp"

namespace trellis::connector_kit {
namespace {

// Reads exactly `count` digits at text[at]; false when they are not there.
bool digits(std::string_view text, size_t& at, size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = text[at + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  at += count;
  return true;
}

// Reads 1 or more digits (at most `max`).
bool some_digits(std::string_view text, size_t& at, size_t max, int& value, size_t& count) {
  count = 0;
  value = 0;
  while (at < text.size() && count < max && text[at] >= '0' && text[at] <= '9') {
    value = value * 10 + (text[at] - '0');
    ++at;
    ++count;
  }
  return count > 0;
}

std::optional<int64_t> to_unix(int year, int month, int day, int hour, int minute, int second, int offset_minutes) {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 60)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second == 60 ? 59 : second;  // a leap second is the last second of its minute
  time_t t = timegm(&tm);
  if (tm.tm_mday != day) return std::nullopt;  // 31 February rolled over
  return static_cast<int64_t>(t) - int64_t{offset_minutes} * 60;
}

void skip_spaces(std::string_view text, size_t& at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
}

std::string_view word_at(std::string_view text, size_t& at) {
  size_t start = at;
  while (at < text.size() && ((text[at] >= 'A' && text[at] <= 'Z') || (text[at] >= 'a' && text[at] <= 'z'))) ++at;
  return text.substr(start, at - start);
}

int month_of(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  std::string lower = ascii_lower(name.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (kMonths[i] == lower) return static_cast<int>(i) + 1;
  return 0;
}

// Numeric "+HHMM"/"+HH:MM" at text[at]; false when none is there.
bool numeric_offset(std::string_view text, size_t& at, int& minutes) {
  if (at >= text.size() || (text[at] != '+' && text[at] != '-')) return false;
  int sign = text[at] == '-' ? -1 : 1, hours = 0, mins = 0;
  ++at;
  if (!digits(text, at, 2, hours)) return false;
  if (at < text.size() && text[at] == ':') ++at;
  if (!digits(text, at, 2, mins)) return false;
  if (hours > 23 || mins > 59) return false;
  minutes = sign * (hours * 60 + mins);
  return true;
}

std::optional<int> named_zone(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, int>, 12> kZones = {{{"gmt", 0},
                                                                               {"ut", 0},
                                                                               {"utc", 0},
                                                                               {"z", 0},
                                                                               {"est", -300},
                                                                               {"edt", -240},
                                                                               {"cst", -360},
                                                                               {"cdt", -300},
                                                                               {"mst", -420},
                                                                               {"mdt", -360},
                                                                               {"pst", -480},
                                                                               {"pdt", -420}}};
  std::string lower = ascii_lower(name);
  for (const auto& [zone, offset] : kZones)
    if (zone == lower) return offset;
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> parse_rfc822(std::string_view input) {
  std::string_view text = trim(input);
  size_t at = 0;
  size_t mark = at;
  std::string_view first = word_at(text, at);
  if (!first.empty()) {  // a day name, then an optional comma
    if (at < text.size() && text[at] == ',') ++at;
    skip_spaces(text, at);
  } else {
    at = mark;
  }
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  size_t count = 0;
  if (!some_digits(text, at, 2, day, count)) return std::nullopt;
  skip_spaces(text, at);
  int month = month_of(word_at(text, at));
  if (month == 0) return std::nullopt;
  skip_spaces(text, at);
  if (!some_digits(text, at, 4, year, count) || (count != 2 && count != 4)) return std::nullopt;
  if (count == 2) year += year < 50 ? 2000 : 1900;
  skip_spaces(text, at);
  if (at < text.size()) {
    if (!some_digits(text, at, 2, hour, count) || at >= text.size() || text[at] != ':') return std::nullopt;
    ++at;
    if (!digits(text, at, 2, minute)) return std::nullopt;
    if (at < text.size() && text[at] == ':') {
      ++at;
      if (!digits(text, at, 2, second)) return std::nullopt;
    }
  }
  skip_spaces(text, at);
  int offset = 0;
  if (at < text.size() && !numeric_offset(text, at, offset)) {
    auto zone = named_zone(word_at(text, at));
    if (!zone) return std::nullopt;
    offset = *zone;
  }
  skip_spaces(text, at);
  if (at != text.size()) return std::nullopt;
  return to_unix(year, month, day, hour, minute, second, offset);
}

std::optional<int64_t> parse_rfc3339(std::string_view input) {
  std::string_view text = trim(input);
  size_t at = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offset = 0;
  if (!digits(text, at, 4, year) || at >= text.size() || text[at++] != '-' || !digits(text, at, 2, month) ||
      at >= text.size() || text[at++] != '-' || !digits(text, at, 2, day))
    return std::nullopt;
  if (at == text.size()) return to_unix(year, month, day, 0, 0, 0, 0);
  char sep = text[at++];
  if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
  if (!digits(text, at, 2, hour) || at >= text.size() || text[at++] != ':' || !digits(text, at, 2, minute))
    return std::nullopt;
  if (at < text.size() && text[at] == ':') {
    ++at;
    if (!digits(text, at, 2, second)) return std::nullopt;
    if (at < text.size() && text[at] == '.') {
      ++at;
      size_t start = at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
      if (at == start) return std::nullopt;
    }
  }
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) ++at;
  else if (at < text.size() && !numeric_offset(text, at, offset)) return std::nullopt;
  if (at != text.size()) return std::nullopt;
  return to_unix(year, month, day, hour, minute, second, offset);
}

std::string any_date_as_rfc3339(std::string_view text) {
  if (auto t = parse_rfc3339(text)) return rfc3339_utc(*t);
  if (auto t = parse_rfc822(text)) return rfc3339_utc(*t);
  return {};
}

std::string rfc3339_utc(int64_t unix_seconds) {
  time_t t = static_cast<time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[80];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return out;
}

}  // namespace trellis::connector_kit
