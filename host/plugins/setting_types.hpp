// The value types a plugin's settings may declare, and how a value is checked.
#pragma once

#include <string>

#include "core/result.hpp"
#include "plugins/manifest.hpp"

namespace trellis::plugins {

// Refuses a value that does not fit the setting's declared type.
Status check_setting_value(const std::string& plugin_id, const SettingSpec& spec, const std::string& value);

}  // namespace trellis::plugins
