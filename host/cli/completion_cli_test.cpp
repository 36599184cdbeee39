// Shell completion and the man page come from the command tree: every command
// must be in each, and bash must actually complete it.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/command_tree.hpp"
#include "support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;

namespace {

std::vector<trellis::cli::CommandNode> tree_of(CLI::App& app) {
  static trellis::cli::CliState state;
  trellis::cli::build_cli(app, state);
  return trellis::cli::command_tree(app);
}

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.insert(line);
  return out;
}

// What `trellis ARGS` prints, which must succeed.
std::string generated(const TempDir& dir, const std::vector<std::string>& args) {
  auto r = run_trellis(dir / "home", args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("bash completes every subcommand of every command and their flags", "[cli][completion]") {
  CLI::App app{"trellis", "trellis"};
  auto tree = tree_of(app);
  TempDir dir;
  write_file(dir / "trellis.bash", generated(dir, {"completion", "bash"}));
  size_t checked = 0;
  for (const auto& node : tree) {
    // COMP_WORDS as bash fills them for "trellis PATH <TAB>".
    std::string words = "trellis " + node.path + (node.path.empty() ? "" : " ");
    std::string program = "source '" + (dir / "trellis.bash").string() + "'; COMP_WORDS=(" + words +
                          "\"$1\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _trellis; printf '%s\\n' \"${COMPREPLY[@]}\"";
    INFO("trellis " << node.path);
    if (!node.subcommands.empty()) {
      auto r = run({"/bin/bash", "-c", program, "bash", ""});
      REQUIRE(r.exit_code == 0);
      auto offered = lines_of(r.out);
      for (const auto& sub : node.subcommands) CHECK(offered.count(sub) == 1);
      checked += node.subcommands.size();
    }
    auto flags = run({"/bin/bash", "-c", program, "bash", "--"});
    auto offered = lines_of(flags.out);
    for (const auto& flag : node.flags)
      if (flag.rfind("--", 0) == 0) CHECK(offered.count(flag) == 1);
  }
  CHECK(checked + 1 == tree.size());  // every command but trellis itself was offered once
}

TEST_CASE("the zsh completion and the man page name every command", "[cli][completion]") {
  CLI::App app{"trellis", "trellis"};
  auto tree = tree_of(app);
  TempDir dir;
  std::string zsh = generated(dir, {"completion", "zsh"});
  CHECK(zsh.rfind("#compdef trellis\n", 0) == 0);
  std::string man = generated(dir, {"man"});
  CHECK(man.rfind(".TH TRELLIS 1", 0) == 0);
  for (const auto& node : tree) {
    INFO("trellis " << node.path);
    for (const auto& sub : node.subcommands) CHECK_THAT(zsh, Catch::Contains("'" + sub + ":"));
    if (!node.path.empty()) CHECK_THAT(man, Catch::Contains(".SS \"trellis " + node.path + "\""));
  }
  CHECK_THAT(man, Catch::Contains("\\fB\\-\\-json\\fR"));
  CHECK(run_trellis(dir / "home", {"completion", "fish"}).exit_code == 2);
}

TEST_CASE("the zsh completion script parses in zsh", "[cli][completion]") {
  if (!std::filesystem::exists("/usr/bin/zsh") && !std::filesystem::exists("/bin/zsh")) TRELLIS_SKIP("zsh is not installed");
  TempDir dir;
  write_file(dir / "_trellis", generated(dir, {"completion", "zsh"}));
  auto r = run({std::filesystem::exists("/usr/bin/zsh") ? "/usr/bin/zsh" : "/bin/zsh", "-n", (dir / "_trellis").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}
