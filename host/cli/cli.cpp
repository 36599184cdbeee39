#include "cli/cli.hpp"

#include <exception>
#include <iostream>

#include "cli/output.hpp"
#include "core/log.hpp"
#include "core/paths.hpp"

namespace trellis::cli {

std::filesystem::path CliState::home_dir() const {
  return home_option.empty() ? paths::default_home() : std::filesystem::path(home_option);
}

Result<std::unique_ptr<Runtime>> CliState::open_runtime() const { return Runtime::open(home_dir()); }

void build_cli(CLI::App& app, CliState& state) {
  app.description("Trellis: an extension host that joins learning packages, community knowledge and learning records.");
  app.require_subcommand(1);
  app.fallthrough();
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.set_version_flag("-V,--version", version_line(), "Print the host version and the plugin ABI version");
  app.add_option("--home", state.home_option, "Trellis home folder (database, plugins, courses)")
      ->envname("TRELLIS_HOME");
  add_help_command(app, state);
  add_version_command(app, state);
  add_serve_command(app, state);
  add_db_command(app, state);
  add_import_commands(app, state);
  add_course_command(app, state);
  add_settings_command(app, state);
  add_lrs_command(app, state);
  add_records_command(app, state);
  add_learner_command(app, state);
  add_user_command(app, state);
  add_registration_command(app, state);
  add_launch_command(app, state);
  add_plugin_command(app, state);
  add_trust_command(app, state);
  add_search_command(app, state);
  add_connector_command(app, state);
  add_discuss_command(app, state);
  add_discuss_link_commands(app, state);
  add_completion_command(app, state);
  add_man_command(app, state);
}

int run_cli(int argc, const char* const* argv) {
  CliState state;
  CLI::App app{"trellis", "trellis"};
  build_cli(app, state);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (!state.action) return usage_error("no command given; see trellis --help");
  try {
    return state.action();
  } catch (const std::exception& e) {
    return report_error(make_error(ErrorKind::internal, std::string("internal error: ") + e.what()));
  } catch (...) {
    return report_error(make_error(ErrorKind::internal, "internal error"));
  }
}

}  // namespace trellis::cli
