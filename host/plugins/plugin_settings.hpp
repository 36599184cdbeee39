// A plugin's stored settings, for the domains that keep a first-party plugin's
// configuration for it (records keeps lrs-forward's destinations). The rest of
// the plugin tables are the manager's own (plugin_store.hpp).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::plugins {

Result<std::map<std::string, std::string>> plugin_settings(store::Database& db, std::string_view id);
Status set_plugin_setting(store::Database& db, std::string_view id, std::string_view key, std::string_view value);

}  // namespace trellis::plugins
