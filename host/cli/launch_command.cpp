// `trellis launch REGISTRATION [MODULE]`: a launch URL on the content origin for
// a module of the registration (default: its first launchable module).
#include <iostream>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "app/runtime_finder.hpp"
#include "player/content_origin.hpp"
#include "player/launch.hpp"

namespace trellis::cli {
namespace {

struct LaunchArgs {
  std::string registration;
  std::string module;
  std::string mode = "Normal";
  bool json = false;
};

int run_launch_command(CliState& state, const LaunchArgs& args) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto& runtime = *rt.value();
  auto origin = player::launch_origin(runtime.home, runtime.db);
  if (!origin) return report_error(origin.error());
  std::optional<std::string> module;
  if (!args.module.empty()) module = args.module;
  player::LaunchOrigins origins{*origin, [&runtime] { return player::lrs_origin(runtime.home, runtime.db); }};
  auto ticket = player::issue_launch(runtime.db, args.registration, module, args.mode, origins, runtime_finder(runtime));
  if (!ticket) return report_error(ticket.error());
  return report_done(args.json, player::ticket_json(*ticket), ticket->url);
}

}  // namespace

void add_launch_command(CLI::App& app, CliState& state) {
  auto* cmd = app.add_subcommand("launch", "Print a launch URL for a module of a registration");
  auto args = std::make_shared<LaunchArgs>();
  cmd->add_option("REGISTRATION", args->registration, "Registration id (from registration list)")->required();
  cmd->add_option("MODULE", args->module, "Module id or identifier (default: the first launchable one)");
  cmd->add_option("--mode", args->mode,
                  "Normal, Browse (no credit) or Review: how cmi5 and xAPI content is presented (SCORM: Normal only)")
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the URL, attempt and expiry as JSON");
  cmd->callback([&state, args] { state.action = [&state, args] { return run_launch_command(state, *args); }; });
}

}  // namespace trellis::cli
