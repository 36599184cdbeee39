// `trellis help [COMMAND...]`: the same text as `trellis COMMAND... --help`, for
// users who type help first, as most command lines allow.
#include <iostream>

#include "cli/cli.hpp"
#include "cli/output.hpp"

namespace trellis::cli {

void add_help_command(CLI::App& app, CliState& state) {
  auto* help = app.add_subcommand("help", "Show help for trellis or for one command (trellis help lrs key create)");
  auto path = std::make_shared<std::vector<std::string>>();
  help->add_option("COMMAND", *path, "The command, and its subcommands, to describe");
  help->callback([&app, &state, path] {
    state.action = [&app, path] {
      CLI::App* at = &app;
      std::string so_far = "trellis";
      for (const auto& name : *path) {
        CLI::App* next = nullptr;
        try {
          next = at->get_subcommand(name);
        } catch (const CLI::OptionNotFound&) {
        }
        if (next == nullptr) return usage_error("no command '" + so_far + " " + name + "'; see " + so_far + " --help");
        at = next;
        so_far += " " + name;
      }
      // Not at->help(): that follows the subcommands parsed, i.e. to `help` itself.
      std::cout << at->get_formatter()->make_help(at, so_far, CLI::AppFormatMode::Normal);
      return 0;
    };
  });
}

}  // namespace trellis::cli
