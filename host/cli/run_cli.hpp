// The command line's one entry point, for main(): kept apart from cli.hpp so the
// executable's own file does not parse CLI11.
#pragma once

namespace trellis::cli {

// 0 ok, 1 input rejected, 2 usage error, 3 environment or internal error.
int run_cli(int argc, const char* const* argv);

}  // namespace trellis::cli
