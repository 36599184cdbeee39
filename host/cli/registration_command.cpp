// `trellis registration create COURSE --learner ID`, `registration show ID`,
// `registration list`, `registration waive ID MODULE --reason R`: a learner's
// registrations on courses, their status, and cmi5 AUs excused.
#include <iostream>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "player/registration_status.hpp"
#include "player/registrations.hpp"
#include "player/waive.hpp"

namespace trellis::cli {
namespace {

struct RegistrationCreateArgs {
  std::string course;
  std::string learner;
  bool json = false;
};

int run_registration_create(CliState& state, const RegistrationCreateArgs& args) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto made = player::create_registration(rt.value()->db, args.course, args.learner);
  if (!made) return report_error(made.error());
  nlohmann::json out = player::registration_json(made->registration);
  out["created"] = made->created;
  const auto& r = made->registration;
  return report_done(args.json, out,
                     (made->created ? "registered " : "already registered (in progress): ") + r.learner_id + " on " +
                         r.course_id + " version " + std::to_string(r.version) + " as " + r.id);
}

int run_registration_show(CliState& state, const std::string& id, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto status = player::registration_status(rt.value()->db, id);
  if (!status) return report_error(status.error());
  if (json) {
    print_json(*status);
    return 0;
  }
  const auto& s = *status;
  std::cout << s["id"].get<std::string>() << "  learner " << s["learner"].get<std::string>() << "  course "
            << s["course_id"].get<std::string>() << " v" << s["version"].get<int>() << "\n"
            << "xAPI registration " << s["xapi_registration"].get<std::string>() << "\n"
            << "completed: " << (s["completed"].get<bool>() ? "yes" : "no")
            << "  passed: " << (s["passed"].is_null() ? "-" : s["passed"].get<bool>() ? "yes" : "no") << "\n";
  for (const auto& m : s["modules"])
    std::cout << "  " << m["identifier"].get<std::string>() << "  " << m["completion"].get<std::string>() << "  "
              << m["success"].get<std::string>() << "  score " << (m["score_scaled"].is_null() ? "-" : m["score_scaled"].dump())
              << "  " << m["attempts"].get<int>() << " attempt(s)\n";
  return 0;
}

int run_registration_list(CliState& state, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto regs = player::list_registrations(rt.value()->db);
  if (!regs) return report_error(regs.error());
  nlohmann::json out = {{"registrations", nlohmann::json::array()}};
  for (const auto& r : *regs) out["registrations"].push_back(player::registration_json(r));
  if (json) {
    print_json(out);
  } else if (regs->empty()) {
    std::cout << "no registrations yet; make one with: trellis registration create COURSE --learner ID\n";
  } else {
    for (const auto& r : *regs) std::cout << r.id << "  " << r.learner_id << "  " << r.course_id << " v" << r.version << "\n";
  }
  return 0;
}

struct RegistrationWaiveArgs {
  std::string registration;
  std::string module;
  std::string reason;
  bool json = false;
};

int run_registration_waive(CliState& state, const RegistrationWaiveArgs& args) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto waived = player::waive_module(rt.value()->db, args.registration, args.module, args.reason);
  if (!waived) return report_error(waived.error());
  return report_done(args.json, *waived,
                     "waived " + args.module + " of " + args.registration + " (" + args.reason + "); " +
                         std::to_string((*waived)["statements"].size()) + " statement(s) recorded");
}

}  // namespace

void add_registration_command(CLI::App& app, CliState& state) {
  auto* reg = app.add_subcommand("registration", "Learners' registrations on courses and their status");
  reg->require_subcommand(1);

  auto* create = reg->add_subcommand("create", "Register a learner on a course's latest version (or return the one in progress)");
  auto args = std::make_shared<RegistrationCreateArgs>();
  create->add_option("COURSE", args->course, "Course id (from course list)")->required();
  create->add_option("--learner", args->learner, "Learner id (from learner list)")->required();
  create->add_flag("--json", args->json, "Print the registration as JSON");
  create->callback([&state, args] { state.action = [&state, args] { return run_registration_create(state, *args); }; });

  auto* show = reg->add_subcommand("show", "Show a registration's status per module and for the course");
  auto id = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  show->add_option("ID", *id, "Registration id")->required();
  show->add_flag("--json", *show_json, "Print as JSON");
  show->callback([&state, id, show_json] { state.action = [&state, id, show_json] { return run_registration_show(state, *id, *show_json); }; });

  auto* list = reg->add_subcommand("list", "List registrations, newest first");
  auto list_json = std::make_shared<bool>(false);
  list->add_flag("--json", *list_json, "Print as JSON");
  list->callback([&state, list_json] { state.action = [&state, list_json] { return run_registration_list(state, *list_json); }; });

  auto* waive = reg->add_subcommand("waive", "Excuse the learner from a cmi5 AU: it counts as satisfied (cmi5 9.3.7)");
  auto waive_args = std::make_shared<RegistrationWaiveArgs>();
  waive->add_option("ID", waive_args->registration, "Registration id")->required();
  waive->add_option("MODULE", waive_args->module, "AU module id or identifier")->required();
  waive->add_option("--reason", waive_args->reason,
                    "Tested Out, Equivalent AU, Equivalent Outside Activity or Administrative")
      ->required();
  waive->add_flag("--json", waive_args->json, "Print the waiver and the statements' ids as JSON");
  waive->callback([&state, waive_args] {
    state.action = [&state, waive_args] { return run_registration_waive(state, *waive_args); };
  });
}

}  // namespace trellis::cli
