#include "plugins/setting_types.hpp"

#include <regex>

namespace trellis::plugins {

Status check_setting_value(const std::string& plugin_id, const SettingSpec& spec, const std::string& value) {
  auto refuse = [&](const std::string& expected) {
    return make_error(ErrorKind::invalid_input, "plugin '" + plugin_id + "': setting '" + spec.name + "' must be " +
                                                    expected + ", got '" + value + "'");
  };
  static const std::regex integer("^-?[0-9]{1,18}$");
  static const std::regex url("^https?://[^\\s/$.?#][^\\s]*$", std::regex::icase);
  if (spec.type == "integer" && !std::regex_match(value, integer)) return refuse("an integer");
  if (spec.type == "boolean" && value != "true" && value != "false") return refuse("true or false");
  // A URL setting whose default is empty is optional: setting it empty again
  // ("base_url=") is how an admin turns it back off.
  bool optional_url = spec.default_value.is_null() ||
                      (spec.default_value.is_string() && spec.default_value.get<std::string>().empty());
  if (spec.type == "url" && !(value.empty() && optional_url) && !std::regex_match(value, url))
    return refuse(optional_url ? "an http(s) URL, or empty to unset it" : "an http(s) URL");
  return {};
}

}  // namespace trellis::plugins
