// Every host setting of a home, in one list: its key, its default and what it
// does. The domains read their own settings (package limits, knowledge,
// community, records); this list is what `trellis settings` shows and accepts,
// so a key nobody reads is refused rather than stored and silently ignored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis {

struct HostSetting {
  std::string key;
  std::optional<std::string> default_value;  // nullopt: unset means off / none
  std::string description;
};

const std::vector<HostSetting>& host_settings();

// The setting named `key`, or an invalid_input error naming the known keys
// (and the nearest one when `key` looks like a slip).
Result<const HostSetting*> find_host_setting(std::string_view key);

// Checks every stored value as the domain that reads it will; a bad one is
// refused naming its key. Call after a change, inside its transaction.
Status check_host_settings(store::Database& db);

// {"key", "value" (stored or null), "default" (or null), "effective", "description"}:
// what `settings get --json` and `settings list --json` print for one setting.
Result<nlohmann::json> describe_host_setting(store::Database& db, const HostSetting& setting);

}  // namespace trellis
