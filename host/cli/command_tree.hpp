// The CLI11 command tree as data, for what is generated from it (shell
// completion, the man page): every command with its path, in the order --help
// lists them.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace trellis::cli {

struct CommandNode {
  std::string path;  // "" for trellis itself, else "lrs key create"
  const CLI::App* app;
  std::vector<std::string> subcommands;  // names, in order
  std::vector<std::string> flags;        // "--json", "-h", ... (positionals left out)
};

// `root` first, then each command after its parent (depth first); internal
// commands (hidden from --help) are left out.
std::vector<CommandNode> command_tree(const CLI::App& root);

}  // namespace trellis::cli
