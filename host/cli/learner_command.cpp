// `trellis learner add ID --name N [--email E]` and `learner list`: the learners
// the player registers on courses.
// `trellis learner forget AGENT --yes`: the right to erasure. Removes every
// statement that mentions the learner, their state and agent-profile
// documents, the attachments only their statements carried and the outbox
// items of those statements, in one transaction with its audit entry.
#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "lrs/filter_text.hpp"
#include "player/learners.hpp"
#include "records/export_store.hpp"
#include "records/outbox_store.hpp"
#include "store/store.hpp"

namespace trellis::cli {
namespace {

struct ForgetArgs {
  std::string agent;
  bool yes = false;
  bool json = false;
};

int run_forget(CliState& state, const ForgetArgs& args) {
  auto key = lrs::agent_key_of(args.agent, "AGENT");
  if (!key) return report_error(key.error());
  if (!args.yes)
    return usage_error("learner forget removes the learner's statements and documents for good; add --yes to confirm");
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto& db = rt.value()->db;
  auto tx = store::Transaction::begin(db);
  if (!tx) return report_error(tx.error());
  auto counts = records::erase_agent(db, *key);
  if (!counts) return report_error(counts.error());
  auto outbox = records::drop_items_of_erased_statements(db);
  if (!outbox) return report_error(outbox.error());
  // The audit entry names the agent by its key only: enough to answer "was this
  // request carried out", without keeping more of the person than that.
  nlohmann::json detail = {{"statements", counts->statements},
                           {"state_documents", counts->state_documents},
                           {"agent_profiles", counts->agent_profiles},
                           {"attachments", counts->attachments},
                           {"outbox_items", *outbox}};
  if (auto st = store::audit(db, "cli", "learner.forget", *key, detail.dump()); !st) return report_error(st.error());
  if (auto st = tx->commit(); !st) return report_error(st.error());
  if (args.json) {
    detail["agent"] = *key;
    print_json(detail);
  } else {
    std::cout << "forgot " << *key << ": " << counts->statements << " statement(s), " << counts->state_documents
              << " state document(s), " << counts->agent_profiles << " agent profile(s), " << counts->attachments
              << " attachment(s), " << *outbox << " outbox item(s)\n";
  }
  return 0;
}

struct LearnerAddArgs {
  std::string id;
  std::string name;
  std::string email;
  bool json = false;
};

int run_learner_add(CliState& state, const LearnerAddArgs& args) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  std::optional<std::string> email;
  if (!args.email.empty()) email = args.email;
  auto learner = player::add_learner(rt.value()->db, {args.id, args.name, email});
  if (!learner) return report_error(learner.error());
  return report_done(args.json, player::learner_json(*learner), "added learner " + learner->id);
}

int run_learner_list(CliState& state, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto learners = player::list_learners(rt.value()->db);
  if (!learners) return report_error(learners.error());
  nlohmann::json out = {{"learners", nlohmann::json::array()}};
  for (const auto& l : *learners) out["learners"].push_back(player::learner_json(l));
  if (json) {
    print_json(out);
  } else if (learners->empty()) {
    std::cout << "no learners yet; add one with: trellis learner add ID --name NAME\n";
  } else {
    for (const auto& l : *learners) std::cout << l.id << "  " << l.name << (l.email ? "  <" + *l.email + ">" : "") << "\n";
  }
  return 0;
}

void add_roster_commands(CLI::App& learner, CliState& state) {
  auto* add = learner.add_subcommand("add", "Add a learner the player can register on courses");
  auto args = std::make_shared<LearnerAddArgs>();
  add->add_option("ID", args->id, "The learner's id (letters, digits, . _ - @), e.g. an employee number")->required();
  add->add_option("--name", args->name, "The learner's name")->required();
  add->add_option("--email", args->email, "The learner's e-mail address (their xAPI mbox)");
  add->add_flag("--json", args->json, "Print the learner as JSON");
  add->callback([&state, args] { state.action = [&state, args] { return run_learner_add(state, *args); }; });

  auto* list = learner.add_subcommand("list", "List the learners");
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "Print as JSON");
  list->callback([&state, json] { state.action = [&state, json] { return run_learner_list(state, *json); }; });
}

}  // namespace

void add_learner_command(CLI::App& app, CliState& state) {
  auto* learner = app.add_subcommand("learner", "Learners: the player's roster, and erasure from the LRS");
  learner->require_subcommand(1);
  add_roster_commands(*learner, state);
  auto* forget = learner->add_subcommand(
      "forget", "Erase a learner's statements, state and agent profiles (right to erasure); needs --yes");
  auto args = std::make_shared<ForgetArgs>();
  forget->add_option("AGENT", args->agent, R"(The learner as an xAPI Agent, e.g. '{"mbox":"mailto:a@example.org"}')")
      ->required();
  forget->add_flag("--yes", args->yes, "Confirm the erasure");
  forget->add_flag("--json", args->json, "Print the counts as JSON");
  forget->callback([&state, args] { state.action = [&state, args] { return run_forget(state, *args); }; });
}

}  // namespace trellis::cli
