// `trellis user add NAME --role admin|designer|learner [--invite]`, `user list`,
// `user invite NAME`, `user logout NAME` and `user remove NAME --yes`: the
// console's accounts. A password is read from standard input (its first line;
// typed without echo on a terminal), never from the command line, where other
// users of the machine could read it in the process list.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "accounts/sessions.hpp"
#include "accounts/users.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "player/content_origin.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::cli {
namespace {

// The first line of standard input, without its line end; echo is off while a
// person types it on a terminal.
std::string read_password() {
  bool terminal = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal && tcgetattr(STDIN_FILENO, &saved) == 0) {
    std::cerr << "Password: " << std::flush;
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Where an invitation is taken up: the API origin a running server announced
// (or player.api_origin), else the path alone with a word on how to get the origin.
std::string invite_link(Runtime& rt, const std::string& token) {
  std::string path = "/console/invite/" + token;
  auto origin = player::lrs_origin(rt.home, rt.db);
  return origin ? *origin + path : path;
}

struct UserAddArgs {
  std::string name;
  std::string role;
  std::string display_name;
  bool invite = false;
  bool json = false;
};

int run_user_add(CliState& state, const UserAddArgs& args) {
  if (auto st = accounts::check_role(args.role); !st) return usage_error(st.error().message);
  std::optional<std::string> password;
  if (!args.invite) {
    password = read_password();
    if (password->empty())
      return usage_error("user add reads the password from standard input (or use --invite for a one-time link)");
  }
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  std::optional<std::string> display;
  if (!args.display_name.empty()) display = args.display_name;
  auto added = accounts::add_user(rt.value()->db, {args.name, args.role, password, display}, xapi::now_micros());
  if (!added) return report_error(added.error());
  nlohmann::json out = accounts::user_json(added->user);
  std::string text = "added " + args.role + " " + args.name;
  if (added->invite_token) {
    out["invite_url"] = invite_link(*rt.value(), *added->invite_token);
    text += "; the invitation (one use, 7 days): " + out["invite_url"].get<std::string>();
  }
  return report_done(args.json, out, text);
}

int run_user_list(CliState& state, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto users = accounts::list_users(rt.value()->db);
  if (!users) return report_error(users.error());
  nlohmann::json out = {{"users", nlohmann::json::array()}};
  for (const auto& u : *users) out["users"].push_back(accounts::user_json(u));
  if (json) {
    print_json(out);
  } else if (users->empty()) {
    std::cout << "no users yet; add one with: trellis user add NAME --role admin\n";
  } else {
    for (const auto& u : *users)
      std::cout << u.name << "  " << u.role << (u.password_hash ? "" : "  (invited, no password yet)") << "\n";
  }
  return 0;
}

struct UserNameArgs {
  std::string name;
  bool yes = false;
  bool json = false;
};

int run_user_invite(CliState& state, const UserNameArgs& args) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto token = accounts::invite_user(rt.value()->db, args.name, xapi::now_micros());
  if (!token) return report_error(token.error());
  std::string link = invite_link(*rt.value(), *token);
  return report_done(args.json, {{"name", args.name}, {"invite_url", link}},
                     "invitation for " + args.name + " (one use, 7 days): " + link);
}

int run_user_logout(CliState& state, const UserNameArgs& args) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto ended = accounts::log_out_everywhere(rt.value()->db, args.name);
  if (!ended) return report_error(ended.error());
  return report_done(args.json, {{"name", args.name}, {"sessions_ended", *ended}},
                     "ended " + std::to_string(*ended) + " session(s) of " + args.name);
}

int run_user_remove(CliState& state, const UserNameArgs& args) {
  if (!args.yes) return usage_error("user remove deletes the account and ends its sessions; add --yes to confirm");
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  if (auto st = accounts::remove_user(rt.value()->db, args.name); !st) return report_error(st.error());
  return report_done(args.json, {{"name", args.name}, {"removed", true}}, "removed user " + args.name);
}

CLI::App* name_command(CLI::App& user, CliState& state, const char* name, const char* about,
                       int (*run)(CliState&, const UserNameArgs&)) {
  auto* cmd = user.add_subcommand(name, about);
  auto args = std::make_shared<UserNameArgs>();
  cmd->add_option("NAME", args->name, "The user's name")->required();
  cmd->add_flag("--json", args->json, "Print the result as JSON");
  cmd->callback([&state, args, run] { state.action = [&state, args, run] { return run(state, *args); }; });
  if (std::string(name) == "remove") cmd->add_flag("--yes", args->yes, "Confirm the removal");
  return cmd;
}

}  // namespace

void add_user_command(CLI::App& app, CliState& state) {
  auto* user = app.add_subcommand("user", "Console accounts: users, their roles, invitations and sessions");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Add a user; the password is read from standard input");
  auto args = std::make_shared<UserAddArgs>();
  add->add_option("NAME", args->name, "The user name (letters, digits, . _ - @); a learner's is their learner id")
      ->required();
  add->add_option("--role", args->role, "admin, designer or learner")->required();
  add->add_option("--name", args->display_name, "A learner's full name (default: the user name)");
  add->add_flag("--invite", args->invite, "Print a one-time link where the user chooses the password instead");
  add->add_flag("--json", args->json, "Print the user as JSON");
  add->callback([&state, args] { state.action = [&state, args] { return run_user_add(state, *args); }; });

  auto* list = user->add_subcommand("list", "List the users and their roles");
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "Print as JSON");
  list->callback([&state, json] { state.action = [&state, json] { return run_user_list(state, *json); }; });

  name_command(*user, state, "invite", "Print a new one-time link where the user chooses a password", &run_user_invite);
  name_command(*user, state, "logout", "End every console session of the user (log out everywhere)", &run_user_logout);
  name_command(*user, state, "remove", "Remove the user and end their sessions; needs --yes", &run_user_remove);
}

}  // namespace trellis::cli
