// `trellis connector list|sync`: what each connector plugin has handed the
// knowledge index, and pulling its changes now.
#include <iostream>

#include "cli/cli.hpp"

#include <nlohmann/json.hpp>
#include "cli/output.hpp"
#include "knowledge/connector_sync.hpp"
#include "knowledge/knowledge_settings.hpp"

namespace trellis::cli {
namespace {

int print_list(const nlohmann::json& list, bool json) {
  if (json) {
    print_json({{"connectors", list}});
    return 0;
  }
  if (list.empty()) std::cout << "no connector plugins installed\n";
  for (const auto& c : list) {
    std::cout << c["id"].get<std::string>() << "  " << c["state"].get<std::string>() << "  last sync "
              << (c["last_sync_at"].is_null() ? std::string("never") : c["last_sync_at"].get<std::string>()) << "  "
              << c["status"].get<std::string>() << "  " << c["indexed"].get<int64_t>() << " indexed\n";
    if (!c["error"].get<std::string>().empty()) std::cout << "    " << c["error"].get<std::string>() << "\n";
  }
  return 0;
}

int sync(CliState& state, const std::string& id, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto& db = rt.value()->db;
  auto settings = knowledge::load_knowledge_settings(db);
  if (!settings) return report_error(settings.error());
  auto manager = rt.value()->plugins();
  if (!manager) return report_error(manager.error());
  std::vector<knowledge::ConnectorRef> chosen;
  for (const auto& c : manager.value()->connectors())
    if (id.empty() || c.plugin->id == id) chosen.push_back(c);
  if (!id.empty() && chosen.empty()) {
    const auto* p = manager.value()->find(id);
    return report_error(make_error(ErrorKind::not_found,
                                   p == nullptr ? "no plugin '" + id + "' is installed"
                                                : "plugin '" + id + "' is not an enabled, loaded connector (" +
                                                      p->state + (p->reason.empty() ? "" : ": " + p->reason) + ")"));
  }
  knowledge::ConnectorDriver driver(knowledge::driver_options(*settings));
  auto reports = knowledge::sync_all(db, chosen, driver);
  if (!reports) return report_error(reports.error());
  bool all_ok = true;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : *reports) {
    all_ok = all_ok && (r.ok() || r.skipped() || r.status == "unsupported");
    out.push_back(knowledge::to_json(r));
    if (!json && r.skipped())
      std::cout << r.plugin_id << "  skipped, " << r.error << "\n";
    else if (!json)
      std::cout << r.plugin_id << "  " << r.status << "  " << r.applied << " applied, " << r.deleted << " deleted, "
                << r.refused << " refused" << (r.error.empty() ? "" : "\n    " + r.error) << "\n";
  }
  if (json) print_json({{"syncs", out}});
  // A sync that failed is the connector's outcome, not a usage error: exit 1.
  // One not configured was not tried, so it has not failed.
  return all_ok ? 0 : 1;
}

}  // namespace

void add_connector_command(CLI::App& app, CliState& state) {
  auto* connector = app.add_subcommand("connector", "Knowledge connectors: their sync state, and syncing now");
  connector->require_subcommand(1);

  auto* list = connector->add_subcommand("list", "Connector plugins with last sync time, status, counts and error");
  auto list_json = std::make_shared<bool>(false);
  list->add_flag("--json", *list_json, "Print as JSON");
  list->callback([&state, list_json] {
    state.action = [&state, list_json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto manager = rt.value()->plugins();
      if (!manager) return report_error(manager.error());
      auto listed = knowledge::connector_status(rt.value()->db, *manager.value());
      if (!listed) return report_error(listed.error());
      return print_list(*listed, *list_json);
    };
  });

  auto* sync_cmd = connector->add_subcommand("sync", "Pull changes from one connector, or every enabled one, now");
  auto id = std::make_shared<std::string>();
  auto sync_json = std::make_shared<bool>(false);
  sync_cmd->add_option("ID", *id, "Plugin id (default: every enabled connector)");
  sync_cmd->add_flag("--json", *sync_json, "Print as JSON");
  sync_cmd->callback([&state, id, sync_json] { state.action = [&state, id, sync_json] { return sync(state, *id, *sync_json); }; });
}

}  // namespace trellis::cli
