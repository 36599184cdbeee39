// A loaded connector plugin (trellis.connector/1). Every call gets the plugin's
// CancelFlag, and items are limited as the host limits them: search to
// max_results, fetch to one, sync and post not at all.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "trellis/testing/connector_run.hpp"
#include "trellis/testing/loaded_plugin.hpp"

namespace trellis::testing {

class LoadedConnector : public LoadedPlugin {
 public:
  explicit LoadedConnector(const std::filesystem::path& library, const Settings& settings = {}, HttpService http = nullptr)
      : LoadedPlugin(library, TRELLIS_CAPABILITY_CONNECTOR, settings, http) {}

  std::string source_name() const;
  bool offers_fetch() const;
  bool offers_sync() const;
  bool offers_post() const;

  ConnectorRun search(const TestQuery& query) const;
  ConnectorRun fetch(std::string_view ref) const;
  ConnectorRun sync(std::string_view cursor) const;
  ConnectorRun post(const TestDraft& draft) const;
};

}  // namespace trellis::testing
