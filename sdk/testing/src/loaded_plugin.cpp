#include "trellis/testing/loaded_plugin.hpp"

namespace trellis::testing {

LoadedPlugin::LoadedPlugin(const std::filesystem::path& library, const char* capability_id, const Settings& settings,
                           HttpService http)
    : host_(std::make_unique<HostStub>()), cancel_(std::make_unique<CancelFlag>()) {
  std::string error;
  if (!host_->declare_defaults(library.parent_path() / "plugin.json", error)) {
    library_.error = error;
    return;
  }
  for (const auto& [key, value] : settings) host_->set_setting(key, value);
  host_->set_http(http);
  library_ = load_plugin(library, host_->services(), capability_id);
}

LoadedPlugin::~LoadedPlugin() {
  cancel_->reset();
  if (library_.initialised) library_.descriptor->shutdown(library_.state);
}

std::string LoadedPlugin::plugin_id() const { return library_.descriptor ? library_.descriptor->id : ""; }
std::string LoadedPlugin::plugin_version() const { return library_.descriptor ? library_.descriptor->version : ""; }

}  // namespace trellis::testing
