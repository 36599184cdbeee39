#include <iostream>

#include "cli/cli.hpp"

#include <nlohmann/json.hpp>
#include "cli/output.hpp"
#include "core/version.hpp"
#include "app/schema_registry.hpp"
#include "store/schema.hpp"

namespace trellis::cli {

void add_db_command(CLI::App& app, CliState& state) {
  auto* db = app.add_subcommand("db", "Inspect and migrate the home's database");
  db->require_subcommand(1);

  auto* status = db->add_subcommand("status", "Show each schema's stored and known version (migrates first)");
  auto json = std::make_shared<bool>(false);
  status->add_flag("--json", *json, "Print as JSON");
  status->callback([&state, json] {
    state.action = [&state, json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto versions = store::schema_status(rt.value()->db, home_schema_domains());
      if (!versions) return report_error(versions.error());
      nlohmann::json out = {{"database", rt.value()->home.database().string()}, {"schemas", nlohmann::json::array()}};
      for (const auto& v : versions.value())
        out["schemas"].push_back({{"domain", v.domain}, {"version", v.stored}, {"known", v.known}, {"written_by", v.written_by}});
      if (*json) {
        print_json(out);
      } else {
        std::cout << "database " << rt.value()->home.database().string() << "\n";
        for (const auto& v : versions.value())
          std::cout << "  " << v.domain << ": version " << v.stored << " (this Trellis knows " << v.known << ")\n";
      }
      return 0;
    };
  });
}

}  // namespace trellis::cli
