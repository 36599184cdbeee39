// `trellis validate PACKAGE` and `trellis import PACKAGE`: one pipeline, two
// endings (validate stores nothing).
#include <iostream>

#include "app/import_wiring.hpp"
#include "catalog/import_report.hpp"
#include "catalog/import_service.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "cli/progress_line.hpp"

namespace trellis::cli {
namespace {

void print_diagnostics(const nlohmann::json& diagnostics, std::ostream& out) {
  for (const auto& d : diagnostics) {
    out << d["severity"].get<std::string>() << " " << d["code"].get<std::string>();
    if (d["where"].is_string()) out << " at " << d["where"].get<std::string>();
    out << ": " << d["message"].get<std::string>() << "\n";
  }
}

// A fact's value as a person reads it: text without quotes, null as "-".
std::string shown(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "-";
  return value.dump();
}

// The importer names what its one-line summary counts and in its own words
// (catalog::summary_line): "  4 items, 3 launchable, 2 resources".
void print_counts(const nlohmann::json& line) {
  std::cout << "  ";
  for (size_t i = 0; i < line.size(); ++i)
    std::cout << (i == 0 ? "" : ", ") << shown(line[i]["value"]) << " " << line[i]["label"].get<std::string>();
  std::cout << "\n";
}

void print_summary(const nlohmann::json& r, const nlohmann::json& line, bool validate_only) {
  std::cout << (validate_only ? "valid " : "imported ") << r.value("format", std::string()) << " package '"
            << r.value("package", std::string()) << "': " << r.value("title", std::string()) << "\n";
  if (!validate_only) {
    std::cout << "  course " << r["course_id"].get<std::string>() << " version " << r["version"].get<int>();
    if (r.value("unchanged", false)) std::cout << " (unchanged, nothing stored)";
    std::cout << "\n";
  }
  print_counts(line);
  if (r.contains("matches_version") && !r.value("unchanged", false))
    std::cout << "  same content as version " << r["matches_version"].get<int>() << ", stored again as asked\n";
  if (r.contains("modules")) {
    const auto& m = r["modules"];
    std::cout << "  modules since version " << r["previous_version"].get<int>() << ": " << m["added"].size()
              << " added, " << m["removed"].size() << " removed, " << m["changed"].size() << " changed\n";
  }
}

void add_pipeline_command(CLI::App& app, CliState& state, const char* name, const char* help, bool validate_only) {
  auto* cmd = app.add_subcommand(name, help);
  auto package = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto as_new_version = std::make_shared<bool>(false);
  cmd->add_option("PACKAGE", *package, "A zip file, an unpacked folder or a bare course structure or manifest (XML)")
      ->required();
  cmd->add_flag("--json", *json, "Print the report as JSON");
  if (!validate_only)
    cmd->add_flag("--as-new-version", *as_new_version,
                  "Store a package equal to an earlier (not the latest) version as the next version all the same");
  cmd->callback([&state, package, json, validate_only, as_new_version] {
    state.action = [&state, package, json, validate_only, as_new_version] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto manager = rt.value()->plugins();
      if (!manager) return report_error(manager.error());
      catalog::ImportRequest request{*package, "", validate_only, "cli", *as_new_version};
      ProgressLine line(!*json);
      auto outcome = catalog::import_package(rt.value()->home, rt.value()->db, *manager.value(), request,
                                              import_hooks(*rt.value(), ImportFollowUp::in_report, line.callback()),
                                              line.callback());
      line.clear();
      if (!outcome) return report_error(outcome.error());
      const auto& report = outcome->report;
      if (*json) print_json(report);
      if (!outcome->accepted) {
        std::cerr << "trellis: package '" << report.value("package", std::string()) << "' rejected\n";
        nlohmann::json errors = nlohmann::json::array();
        for (const auto& d : report["diagnostics"])
          if (d["severity"] == "error") errors.push_back(d);
        print_diagnostics(errors, std::cerr);
        if (outcome->matches_earlier_version)
          std::cerr << "trellis: add --as-new-version to store it as a new version all the same\n";
        return 1;
      }
      if (!*json) {
        print_summary(report, outcome->summary, validate_only);
        print_diagnostics(report["diagnostics"], std::cout);
      }
      return 0;
    };
  });
}

}  // namespace

void add_import_commands(CLI::App& app, CliState& state) {
  add_pipeline_command(app, state, "validate",
                       "Check a package (zip or folder) and print its diagnostics; stores nothing", true);
  add_pipeline_command(app, state, "import",
                       "Import a package (zip or folder) as a new course or a new version of its course", false);
}

}  // namespace trellis::cli
