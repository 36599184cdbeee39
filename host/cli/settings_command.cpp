// `trellis settings get|set|list`: host settings of the home (import limits,
// the trusted schema folder, connectors, community, forwarding). Only the keys
// app/host_settings.hpp lists are accepted: a typo is refused, not stored.
#include <iostream>

#include "app/host_settings.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "store/store.hpp"

namespace trellis::cli {
namespace {

std::string text_or(const nlohmann::json& v, const char* none) { return v.is_null() ? none : v.get<std::string>(); }

int get_setting(CliState& state, const std::string& key, bool json) {
  auto setting = find_host_setting(key);
  if (!setting) return report_error(setting.error());
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto described = describe_host_setting(rt.value()->db, **setting);
  if (!described) return report_error(described.error());
  if (json) {
    print_json(*described);
    return 0;
  }
  const auto& effective = (*described)["effective"];
  if (effective.is_null())
    return report_error(make_error(ErrorKind::not_found, "setting " + key + " is not set and has no default (" +
                                                             (*setting)->description + ")"));
  std::cout << effective.get<std::string>() << "\n";
  return 0;
}

int set_setting(CliState& state, const std::string& key, const std::string& value, bool json) {
  auto setting = find_host_setting(key);
  if (!setting) return report_error(setting.error());
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto& db = rt.value()->db;
  auto tx = store::Transaction::begin(db);
  if (!tx) return report_error(tx.error());
  if (auto st = store::set_setting(db, key, value); !st) return report_error(st.error());
  // Refuse a value the domain could not use now, rather than at the next import or sync.
  if (auto st = check_host_settings(db); !st) return report_error(st.error());
  if (auto st = store::audit(db, "cli", "settings.set", key, value); !st) return report_error(st.error());
  auto described = describe_host_setting(db, **setting);
  if (!described) return report_error(described.error());
  if (auto st = tx->commit(); !st) return report_error(st.error());
  if (json) print_json(*described);
  return 0;
}

int list_settings(CliState& state, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : host_settings()) {
    auto described = describe_host_setting(rt.value()->db, s);
    if (!described) return report_error(described.error());
    out.push_back(std::move(*described));
  }
  if (json) {
    print_json({{"settings", out}});
    return 0;
  }
  for (const auto& s : out) {
    std::cout << s["key"].get<std::string>() << " = " << text_or(s["effective"], "(unset)");
    if (!s["value"].is_null()) std::cout << "  (default " << text_or(s["default"], "unset") << ")";
    std::cout << "\n    " << s["description"].get<std::string>() << "\n";
  }
  return 0;
}

}  // namespace

void add_settings_command(CLI::App& app, CliState& state) {
  auto* settings = app.add_subcommand("settings", "Read and change host settings of the home");
  settings->require_subcommand(1);

  auto* get = settings->add_subcommand(
      "get", "Print one setting's value, its default when never set (exit 1 when it has neither)");
  auto get_key = std::make_shared<std::string>();
  auto get_json = std::make_shared<bool>(false);
  get->add_option("KEY", *get_key, "Setting name, e.g. import.schema_dir (trellis settings list shows them all)")
      ->required();
  get->add_flag("--json", *get_json, "Print the value, the default and the description as JSON");
  get->callback([&state, get_key, get_json] {
    state.action = [&state, get_key, get_json] { return get_setting(state, *get_key, *get_json); };
  });

  auto* set = settings->add_subcommand("set", "Change a setting (an unknown key or a malformed value is refused)");
  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  auto set_json = std::make_shared<bool>(false);
  set->add_option("KEY", *key, "Setting name")->required();
  set->add_option("VALUE", *value, "New value")->required();
  set->add_flag("--json", *set_json, "Print the setting as now stored, as JSON");
  set->callback([&state, key, value, set_json] {
    state.action = [&state, key, value, set_json] { return set_setting(state, *key, *value, *set_json); };
  });

  auto* list = settings->add_subcommand("list", "Every host setting with its current value, default and meaning");
  auto list_json = std::make_shared<bool>(false);
  list->add_flag("--json", *list_json, "Print as JSON");
  list->callback([&state, list_json] { state.action = [&state, list_json] { return list_settings(state, *list_json); }; });
}

}  // namespace trellis::cli
