#include "xapi/timestamp.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <regex>

namespace trellis::xapi {

std::optional<ParsedTimestamp> parse_timestamp(std::string_view text) {
  static const std::regex re(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$)");
  std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, re)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = std::stoi(m[6]);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
    return std::nullopt;
  ParsedTimestamp out;
  int64_t frac = 0;
  if (m[7].matched) {
    std::string f = m[7].str().substr(0, 6);
    while (f.size() < 6) f += '0';
    frac = std::stoll(f);
  }
  int64_t offset_secs = 0;
  if (m[8].matched) {
    out.has_offset = true;
  } else if (m[9].matched) {
    out.has_offset = true;
    int hh = std::stoi(m[10]);
    int mm = m[11].matched ? std::stoi(m[11]) : 0;
    offset_secs = (hh * 3600 + mm * 60) * (m[9] == "-" ? -1 : 1);
    out.negative_zero_offset = m[9] == "-" && hh == 0 && mm == 0;
  }
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

int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool is_duration(std::string_view text) {
  static const std::regex re(
      R"(^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$)");
  static const std::regex weeks(R"(^P\d+(\.\d+)?W$)");
  std::string s(text);
  if (s.find('W') != std::string::npos) return std::regex_match(s, weeks);
  return std::regex_match(s, re);
}

}  // namespace trellis::xapi
