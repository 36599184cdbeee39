#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace {
void collect(CLI::App* app, std::vector<std::string> prefix, std::vector<std::vector<std::string>>& out) {
  for (CLI::App* sub : app->get_subcommands({})) {
    auto path = prefix;
    path.push_back(sub->get_name());
    out.push_back(path);
    collect(sub, path, out);
  }
}
}  // namespace

TEST_CASE("Every subcommand answers --help with exit code 0", "[cli]") {
  trellis::cli::CliState state;
  CLI::App app{"trellis", "trellis"};
  trellis::cli::build_cli(app, state);
  std::vector<std::vector<std::string>> commands;
  collect(&app, {}, commands);
  REQUIRE(commands.size() >= 3);
  for (const auto& path : commands) {
    std::vector<std::string> args{"trellis"};
    args.insert(args.end(), path.begin(), path.end());
    args.push_back("--help");
    std::vector<const char*> argv;
    for (auto& a : args) argv.push_back(a.c_str());
    INFO("trellis " << args[1] << " ... --help");
    CHECK(trellis::cli::run_cli(static_cast<int>(argv.size()), argv.data()) == 0);
  }
}

TEST_CASE("Usage errors exit 2", "[cli]") {
  const char* unknown[] = {"trellis", "no-such-command"};
  CHECK(trellis::cli::run_cli(2, unknown) == 2);
  const char* none[] = {"trellis"};
  CHECK(trellis::cli::run_cli(1, none) == 2);
  const char* bad_flag[] = {"trellis", "version", "--bogus"};
  CHECK(trellis::cli::run_cli(3, bad_flag) == 2);
}
