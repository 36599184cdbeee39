// `trellis man`: the trellis(1) man page in roff, generated from the command
// tree (every command, its arguments and options, as --help gives them), so it
// says what this build does. cmake --install puts it in share/man/man1.
#include <iostream>

#include "cli/cli.hpp"
#include "cli/command_tree.hpp"
#include "cli/output.hpp"
#include "core/version.hpp"

namespace trellis::cli {
namespace {

// Text for roff: backslashes and hyphens escaped, no line starting with a
// control character.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    if (c == '\n') out += "\\&";
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

std::string option_heading(const CLI::Option& o) {
  std::string names = o.get_name(o.get_positional(), true);  // "-h,--help" or "KEY"
  std::string type = o.get_positional() || o.get_type_size() == 0 ? "" : " " + o.get_type_name();
  return "\\fB" + roff(names) + "\\fR" + roff(type);
}

std::string man_page(const std::vector<CommandNode>& tree) {
  std::string s = ".TH TRELLIS 1 \"\" \"trellis " + std::string(kHostVersion) + "\" \"Trellis manual\"\n";
  s += ".SH NAME\ntrellis \\- " + roff(tree.front().app->get_description()) + "\n";
  s += ".SH SYNOPSIS\n\\fBtrellis\\fR [\\fB\\-\\-home\\fR \\fIDIR\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR...]\n";
  s += ".SH DESCRIPTION\nEvery command exits 0 when it succeeded, 1 when its input was refused, 2 for a usage error "
       "and 3 for an environment or internal error. Commands that report take \\fB\\-\\-json\\fR. "
       "\\fBtrellis help\\fR \\fICOMMAND\\fR shows one command's help; the administrator's guide is "
       "share/doc/trellis/admin.md.\n";
  s += ".SH OPTIONS\n";
  for (const CLI::Option* o : tree.front().app->get_options()) {
    s += ".TP\n" + option_heading(*o) + "\n" + roff(o->get_description()) + "\n";
  }
  s += ".SH COMMANDS\n";
  for (size_t i = 1; i < tree.size(); ++i) {
    const auto& n = tree[i];
    s += ".SS \"trellis " + roff(n.path) + "\"\n" + roff(n.app->get_description()) + "\n";
    for (const CLI::Option* o : n.app->get_options()) {
      if (o->check_lname("help")) continue;  // every command has it
      s += ".TP\n" + option_heading(*o) + "\n" + roff(o->get_description()) + "\n";
    }
  }
  s += ".SH ENVIRONMENT\n.TP\n\\fBTRELLIS_HOME\\fR\nThe home folder when \\fB\\-\\-home\\fR is not given.\n";
  return s;
}

}  // namespace

void add_man_command(CLI::App& app, CliState& state) {
  auto* cmd = app.add_subcommand("man", "Print the trellis(1) man page (roff), e.g. trellis man | man -l -");
  cmd->callback([&app, &state] {
    state.action = [&app] {
      std::cout << man_page(command_tree(app));
      return 0;
    };
  });
}

}  // namespace trellis::cli
