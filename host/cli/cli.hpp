// The `trellis` command line: one CLI11 app whose subcommands are added by each
// domain. A subcommand's callback only records what to run; run_cli runs it after
// parsing succeeded, so every command shares one exit-code policy:
// 0 ok, 1 input rejected, 2 usage error, 3 environment or internal error.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/runtime.hpp"
#include "cli/run_cli.hpp"
#include "core/result.hpp"

namespace trellis::cli {

struct CliState {
  std::string home_option;  // --home, or TRELLIS_HOME through CLI11's envname
  std::function<int()> action;

  std::filesystem::path home_dir() const;
  // Opens the home for commands that need stored data.
  Result<std::unique_ptr<Runtime>> open_runtime() const;
};

void build_cli(CLI::App& app, CliState& state);
// "trellis 0.4.0 (plugin ABI 1.2)": what `trellis version` and `--version` print.
std::string version_line();

// Each adds its subcommand(s) to `app`.
void add_version_command(CLI::App& app, CliState& state);
void add_help_command(CLI::App& app, CliState& state);
// Generated from the whole tree: register after every other command.
void add_completion_command(CLI::App& app, CliState& state);
void add_man_command(CLI::App& app, CliState& state);
void add_serve_command(CLI::App& app, CliState& state);
void add_db_command(CLI::App& app, CliState& state);
void add_import_commands(CLI::App& app, CliState& state);
void add_course_command(CLI::App& app, CliState& state);
void add_settings_command(CLI::App& app, CliState& state);
void add_lrs_command(CLI::App& app, CliState& state);
void add_records_command(CLI::App& app, CliState& state);
void add_learner_command(CLI::App& app, CliState& state);
void add_user_command(CLI::App& app, CliState& state);
void add_registration_command(CLI::App& app, CliState& state);
void add_launch_command(CLI::App& app, CliState& state);
void add_plugin_command(CLI::App& app, CliState& state);
void add_trust_command(CLI::App& app, CliState& state);
void add_search_command(CLI::App& app, CliState& state);
void add_connector_command(CLI::App& app, CliState& state);
// Reuses the "discuss" subcommand when add_discuss_command made it; register after it.
void add_discuss_link_commands(CLI::App& app, CliState& state);
void add_discuss_command(CLI::App& app, CliState& state);

}  // namespace trellis::cli
