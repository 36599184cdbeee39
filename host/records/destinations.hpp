// Forwarding destinations as the admin configures them. The connection details
// live in the lrs-forward plugin's `destinations` setting (the plugin reads them
// through setting_get); the host keeps each destination's cursor in the outbox
// domain. Both change in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::records {

struct Destination {
  std::string name;
  std::string url;  // the remote LRS's xAPI endpoint, e.g. https://lrs.example/xapi
  std::string key, secret;
  std::string privacy = "as-is";  // as-is | mbox_sha1sum | pseudonym
  std::string pseudonym_secret;
  std::string pseudonym_home_page;
  int timeout_ms = 30000;
};

Status add_destination(store::Database& db, const Destination& d);
Result<bool> remove_destination(store::Database& db, const std::string& name);
// Without secrets.
Result<nlohmann::json> describe_destinations(store::Database& db);

}  // namespace trellis::records
