// `trellis settings get|set|list`: host settings of the home (import limits,
// the trusted schema folder, community limits).
#include <iostream>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "community/community_statements.hpp"
#include "community/input_rules.hpp"
#include "knowledge/knowledge_settings.hpp"
#include "package/limits.hpp"
#include "store/store.hpp"

namespace trellis::cli {

void add_settings_command(CLI::App& app, CliState& state) {
  auto* settings = app.add_subcommand("settings", "Read and change host settings of the home");
  settings->require_subcommand(1);

  auto* get = settings->add_subcommand("get", "Print one setting's value (exit 1 when unset)");
  auto get_key = std::make_shared<std::string>();
  get->add_option("KEY", *get_key, "Setting name, e.g. import.schema_dir")->required();
  get->callback([&state, get_key] {
    state.action = [&state, get_key] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto value = store::get_setting(rt.value()->db, *get_key);
      if (!value) return report_error(value.error());
      if (!value->has_value()) return report_error(make_error(ErrorKind::not_found, "setting " + *get_key + " is not set"));
      std::cout << **value << "\n";
      return 0;
    };
  });

  auto* set = settings->add_subcommand("set", "Change a setting");
  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  set->add_option("KEY", *key, "Setting name")->required();
  set->add_option("VALUE", *value, "New value")->required();
  set->callback([&state, key, value] {
    state.action = [&state, key, value] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto& db = rt.value()->db;
      auto tx = store::Transaction::begin(db);
      if (!tx) return report_error(tx.error());
      if (auto st = store::set_setting(db, *key, *value); !st) return report_error(st.error());
      // Refuse a limit that is not a number now, rather than at the next import.
      if (auto limits = package::load_limits(db); !limits) return report_error(limits.error());
      if (auto knowledge = knowledge::load_knowledge_settings(db); !knowledge) return report_error(knowledge.error());
      if (auto limits = community::load_post_limits(db); !limits) return report_error(limits.error());
      if (auto home_page = community::load_home_page(db); !home_page) return report_error(home_page.error());
      if (auto st = store::audit(db, "cli", "settings.set", *key, *value); !st) return report_error(st.error());
      if (auto st = tx->commit(); !st) return report_error(st.error());
      return 0;
    };
  });
}

}  // namespace trellis::cli
