// Data access for the admin's values of plugin settings (the plugin reads them
// through the host services' setting_get).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::plugins {

Result<std::optional<std::string>> find_plugin_setting(store::Database& db, std::string_view plugin_id,
                                                       std::string_view key);
Status put_plugin_setting(store::Database& db, std::string_view plugin_id, std::string_view key,
                          std::string_view value);

}  // namespace trellis::plugins
