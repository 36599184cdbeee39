#include "plugins/setting_types.hpp"

#include <strings.h>

#include <string_view>

namespace trellis::plugins {
namespace {

bool space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// An optional '-' and 1 to 18 digits: what fits an int64 without overflow checks.
bool is_integer_text(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty() || s.size() > 18) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// http:// or https:// (any case), a first character that starts a host, and no
// whitespace. Plain code rather than a regex: values come from admins' requests.
bool is_http_url_text(std::string_view s) {
  size_t scheme = 0;
  if (s.size() >= 8 && strncasecmp(s.data(), "https://", 8) == 0)
    scheme = 8;
  else if (s.size() >= 7 && strncasecmp(s.data(), "http://", 7) == 0)
    scheme = 7;
  else
    return false;
  if (scheme == s.size()) return false;
  char first = s[scheme];
  if (space(first) || first == '/' || first == '$' || first == '.' || first == '?' || first == '#') return false;
  for (size_t i = scheme + 1; i < s.size(); ++i)
    if (space(s[i])) return false;
  return true;
}

}  // namespace

Status check_setting_value(const std::string& plugin_id, const SettingSpec& spec, const std::string& value) {
  auto refuse = [&](const std::string& expected) {
    return make_error(ErrorKind::invalid_input, "plugin '" + plugin_id + "': setting '" + spec.name + "' must be " +
                                                    expected + ", got '" + value + "'");
  };
  if (spec.type == "integer" && !is_integer_text(value)) return refuse("an integer");
  if (spec.type == "boolean" && value != "true" && value != "false") return refuse("true or false");
  // A URL setting whose default is empty is optional: setting it empty again
  // ("base_url=") is how an admin turns it back off.
  bool optional_url = spec.default_value.is_null() ||
                      (spec.default_value.is_string() && spec.default_value.get<std::string>().empty());
  if (spec.type == "url" && !(value.empty() && optional_url) && !is_http_url_text(value))
    return refuse(optional_url ? "an http(s) URL, or empty to unset it" : "an http(s) URL");
  return {};
}

}  // namespace trellis::plugins
