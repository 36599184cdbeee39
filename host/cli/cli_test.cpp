#include <catch2/catch.hpp>

#include <functional>
#include <set>
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

namespace {
std::string joined_path(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& p : path) out += (out.empty() ? "" : " ") + p;
  return out;
}
}  // namespace

// docs/admin.md promises --json on every command that reports; the few that
// do not report anything a script would read are named here, with why.
TEST_CASE("Every command that reports accepts --json", "[cli]") {
  const std::set<std::string> exempt = {
      "help",            // prints help text
      "serve",           // runs until stopped; its log is the report
      "records export",  // its output is the export itself (JSON Lines, CSV, ...)
      "completion",      // prints a shell script
      "man",             // prints a man page
      "plugin probe",    // internal: always JSON, read by the host that ran it
  };
  trellis::cli::CliState state;
  CLI::App app{"trellis", "trellis"};
  trellis::cli::build_cli(app, state);
  std::vector<std::vector<std::string>> commands;
  collect(&app, {}, commands);
  for (const auto& path : commands) {
    CLI::App* at = &app;
    for (const auto& name : path) at = at->get_subcommand(name);
    std::string name = joined_path(path);
    if (!at->get_subcommands({}).empty() || exempt.count(name) != 0) continue;
    INFO("trellis " << name);
    bool has_json = false;
    for (const CLI::Option* o : at->get_options())
      if (o->check_lname("json")) has_json = true;
    CHECK(has_json);
  }
}
