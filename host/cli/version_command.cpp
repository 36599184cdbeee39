#include <iostream>

#include "cli/cli.hpp"

#include <nlohmann/json.hpp>
#include "cli/output.hpp"
#include "core/version.hpp"

namespace trellis::cli {

std::string version_line() {
  return "trellis " + std::string(kHostVersion) + " (plugin ABI " + std::to_string(kPluginAbiMajor) + "." +
         std::to_string(kPluginAbiMinor) + ")";
}

void add_version_command(CLI::App& app, CliState& state) {
  auto* cmd = app.add_subcommand("version", "Print the host version and the plugin ABI version");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print as JSON");
  cmd->callback([&state, json] {
    state.action = [json] {
      if (*json) {
        print_json({{"version", kHostVersion}, {"plugin_abi", {{"major", kPluginAbiMajor}, {"minor", kPluginAbiMinor}}}});
      } else {
        std::cout << version_line() << "\n";
      }
      return 0;
    };
  });
}

}  // namespace trellis::cli
