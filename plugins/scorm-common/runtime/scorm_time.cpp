#include "scorm_time.hpp"

#include <cmath>
#include <cstdio>
#include <regex>

namespace trellis::scorm::rt {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// Reads digits with an optional fraction from `t` at `i`; false when none.
bool read_number(std::string_view t, size_t& i, double& out, bool fraction_ok) {
  size_t start = i;
  while (i < t.size() && digit(t[i])) ++i;
  if (i == start) return false;
  size_t end = i;
  if (fraction_ok && i < t.size() && t[i] == '.') {
    ++i;
    size_t f = i;
    while (i < t.size() && digit(t[i])) ++i;
    if (i == f) return false;
    end = i;
  }
  out = std::strtod(std::string(t.substr(start, end - start)).c_str(), nullptr);
  return true;
}

}  // namespace

std::optional<double> parse_iso_duration(std::string_view t) {
  if (t.size() < 3 || t[0] != 'P') return std::nullopt;
  size_t i = 1;
  double total = 0;
  bool any = false, in_time = false;
  // Designators must come in this order, each at most once.
  std::string_view date_order = "YMD", time_order = "HMS";
  size_t next_date = 0, next_time = 0;
  while (i < t.size()) {
    if (t[i] == 'T') {
      if (in_time || i + 1 == t.size()) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    double n = 0;
    if (!read_number(t, i, n, in_time)) return std::nullopt;
    if (i >= t.size()) return std::nullopt;
    char d = t[i++];
    std::string_view order = in_time ? time_order : date_order;
    size_t& next = in_time ? next_time : next_date;
    size_t pos = order.find(d, next);
    if (pos == std::string_view::npos) return std::nullopt;
    if (in_time && d != 'S' && n != std::floor(n)) return std::nullopt;
    next = pos + 1;
    static constexpr double kDate[] = {365 * 86400.0, 30 * 86400.0, 86400.0};
    static constexpr double kTime[] = {3600.0, 60.0, 1.0};
    total += n * (in_time ? kTime[pos] : kDate[pos]);
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

std::string format_iso_duration(double seconds) {
  if (!(seconds > 0)) return "PT0S";
  long long cs = std::llround(seconds * 100);
  long long h = cs / 360000, m = (cs / 6000) % 60, s = (cs / 100) % 60, frac = cs % 100;
  std::string out = "PT";
  if (h) out += std::to_string(h) + "H";
  if (m) out += std::to_string(m) + "M";
  if (s || frac || out == "PT") {
    out += std::to_string(s);
    if (frac) {
      char buf[8];
      std::snprintf(buf, sizeof buf, ".%02lld", frac);
      std::string f(buf);
      while (f.back() == '0') f.pop_back();
      out += f;
    }
    out += "S";
  }
  return out;
}

std::optional<double> parse_cmi_timespan(std::string_view t) {
  static const std::regex re(R"(^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(t.begin(), t.end(), m, re)) return std::nullopt;
  double frac = m[4].matched ? std::strtod(("0" + m[4].str()).c_str(), nullptr) : 0.0;
  return std::stod(m[1].str()) * 3600 + std::stod(m[2].str()) * 60 + std::stod(m[3].str()) + frac;
}

std::string format_cmi_timespan(double seconds) {
  long long cs = seconds > 0 ? std::llround(seconds * 100) : 0;
  long long h = cs / 360000;
  if (h > 9999) h = 9999, cs = 9999LL * 360000 + 59 * 6000 + 5999;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld:%02lld:%02lld.%02lld", h, (cs / 6000) % 60, (cs / 100) % 60, cs % 100);
  return buf;
}

bool is_cmi_time(std::string_view t) {
  static const std::regex re(R"(^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$)");
  return std::regex_match(t.begin(), t.end(), re);
}

bool is_iso_timestamp(std::string_view t) {
  static const std::regex re(
      R"(^(19[7-9]\d|[2-9]\d{3})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?)?)?$)");
  return std::regex_match(t.begin(), t.end(), re);
}

}  // namespace trellis::scorm::rt
