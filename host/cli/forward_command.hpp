// The forwarding subcommands of `trellis records`.
#pragma once

#include "cli/cli.hpp"

namespace trellis::cli {

void add_forward_commands(CLI::App& records, CliState& state);

}  // namespace trellis::cli
