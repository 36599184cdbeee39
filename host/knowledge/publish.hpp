// Publishing a module to an outside community: the connector opens a thread
// about the module there (its `post`), and the host indexes that thread and
// attaches it to the module, so learners find the conversation from the module
// and the community finds the module's learners.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "knowledge/connector_driver.hpp"
#include "knowledge/link_store.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

struct PublishRequest {
  std::string module_id;
  std::string plugin_id;  // the connector to open the thread with
  std::string title;      // empty: "Discussion: <module title>"
  std::string body;       // empty: the module's description and course
  std::string author;     // who the host acts for
  std::string actor;      // for the audit log ("cli", "http:<key name>")
};

// Nothing is written when the connector refuses or fails; once it has opened
// the thread, the index entry, the link and the audit line go in one transaction.
Result<ModuleLink> publish_module_thread(store::Database& db, const PublishRequest& request,
                                         const std::vector<ConnectorRef>& connectors, const ConnectorDriver& driver);

}  // namespace trellis::knowledge
