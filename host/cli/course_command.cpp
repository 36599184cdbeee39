// `trellis course list|show|delete`: reading the catalog, and deleting a course.
#include <iostream>

#include "app/course_removal_wiring.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/import_report.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"

namespace trellis::cli {

void add_course_command(CLI::App& app, CliState& state) {
  auto* course = app.add_subcommand("course", "List, show and delete imported courses");
  course->require_subcommand(1);

  auto* list = course->add_subcommand("list", "List courses with their latest version");
  auto list_json = std::make_shared<bool>(false);
  list->add_flag("--json", *list_json, "Print as JSON");
  list->callback([&state, list_json] {
    state.action = [&state, list_json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      catalog::CatalogStore store(rt.value()->db);
      auto courses = store.list_courses();
      if (!courses) return report_error(courses.error());
      nlohmann::json out = {{"courses", nlohmann::json::array()}};
      for (const auto& c : courses.value()) {
        nlohmann::json row = {{"course_id", c.course_id}, {"format", c.format}, {"identifier", c.identifier},
                              {"version", c.version}, {"title", c.title}, {"imported_at", c.imported_at}};
        catalog::put_counts(row, c.counts);
        catalog::put_facts(row, c.facts);
        out["courses"].push_back(row);
      }
      if (*list_json) {
        print_json(out);
      } else if (courses->empty()) {
        std::cout << "no courses yet; add one with: trellis import PACKAGE\n";
      } else {
        for (const auto& c : courses.value())
          std::cout << c.course_id << "  v" << c.version << "  " << c.format << "  " << c.title << "  ("
                    << c.counts.items << " items)\n";
      }
      return 0;
    };
  });

  auto* show = course->add_subcommand("show", "Show a course's latest version, modules and diagnostics");
  auto id = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  show->add_option("ID", *id, "Course id (from course list)")->required();
  show->add_flag("--json", *show_json, "Print as JSON");
  show->callback([&state, id, show_json] {
    state.action = [&state, id, show_json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      catalog::CatalogStore store(rt.value()->db);
      auto detail = store.course_detail(*id);
      if (!detail) return report_error(detail.error());
      if (!detail->has_value()) return report_error(make_error(ErrorKind::not_found, "no course with id " + *id));
      nlohmann::json out = **detail;
      auto diags = store.diagnostics(*id, out["version"].get<int>());
      if (!diags) return report_error(diags.error());
      out["diagnostics"] = catalog::diagnostics_json(diags.value());
      if (*show_json) {
        print_json(out);
        return 0;
      }
      std::cout << out["title"].get<std::string>() << "\n  course " << *id << " version " << out["version"].get<int>()
                << " (" << out["format"].get<std::string>() << ", from " << out["package"].get<std::string>() << ")\n";
      for (const auto& m : out["modules"])
        std::cout << "  " << m["id"].get<std::string>() << "  " << m["kind"].get<std::string>() << "  "
                  << m["identifier"].get<std::string>() << "  " << m["title"].get<std::string>()
                  << (m["launchable"].get<bool>() ? "  [launchable]" : "") << "\n";
      for (const auto& d : out["diagnostics"])
        std::cout << "  " << d["severity"].get<std::string>() << " " << d["code"].get<std::string>() << ": "
                  << d["message"].get<std::string>() << "\n";
      return 0;
    };
  });

  auto* del = course->add_subcommand(
      "delete", "Delete a course: its versions, files, modules, discussions, knowledge entries and links");
  auto del_id = std::make_shared<std::string>();
  auto purge = std::make_shared<bool>(false);
  auto del_json = std::make_shared<bool>(false);
  del->add_option("ID", *del_id, "Course id (from course list)")->required();
  del->add_flag("--purge-records", *purge,
                "Also erase the learning records about the course, its modules and discussions (kept otherwise)");
  del->add_flag("--json", *del_json, "Print the report as JSON");
  del->callback([&state, del_id, purge, del_json] {
    state.action = [&state, del_id, purge, del_json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto report = delete_course(rt.value()->home, rt.value()->db, {*del_id, *purge, "cli"});
      if (!report) return report_error(report.error());
      if (*del_json) {
        print_json(*report);
        return 0;
      }
      const auto& r = *report;
      std::cout << "deleted course " << *del_id << " (" << r["title"].get<std::string>() << "): "
                << r["versions"] << " version(s), " << r["modules"] << " module(s), " << r["files_removed"]
                << " file(s), " << r["discussions"]["threads"] << " thread(s), " << r["knowledge"]["links"]
                << " link(s)\n";
      if (r["records"].is_string())
        std::cout << "learning records kept (erase them with --purge-records)\n";
      else
        std::cout << "erased " << r["records"]["statements"] << " statement(s) and "
                  << r["records"]["state_documents"].get<int64_t>() + r["records"]["activity_profiles"].get<int64_t>()
                  << " document(s)\n";
      return 0;
    };
  });
}

}  // namespace trellis::cli
