#include "cli/command_tree.hpp"

namespace trellis::cli {
namespace {

// Internal commands (group "", e.g. `plugin probe`) are not for users to type.
bool shown(const CLI::App* app) { return !app->get_group().empty(); }

void walk(const CLI::App& app, const std::string& path, std::vector<CommandNode>& out) {
  CommandNode node{path, &app, {}, {}};
  for (const CLI::App* sub : app.get_subcommands(shown)) node.subcommands.push_back(sub->get_name());
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_positional()) continue;
    for (const auto& s : o->get_snames()) node.flags.push_back("-" + s);
    for (const auto& l : o->get_lnames()) node.flags.push_back("--" + l);
  }
  out.push_back(node);
  for (const CLI::App* sub : app.get_subcommands(shown))
    walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

}  // namespace

std::vector<CommandNode> command_tree(const CLI::App& root) {
  std::vector<CommandNode> out;
  walk(root, "", out);
  return out;
}

}  // namespace trellis::cli
