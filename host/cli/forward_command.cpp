// `trellis records destination add|list|remove`, `records forward` (one run, for
// cron and tests) and `records outbox [replay]`.
#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "records/destinations.hpp"
#include "cli/forward_command.hpp"
#include "records/forwarder.hpp"
#include "records/outbox_store.hpp"

namespace trellis::cli {
namespace {

nlohmann::json summary_json(const records::ForwardSummary& s) {
  return {{"destination", s.destination}, {"delivered", s.delivered}, {"parked", s.parked},
          {"pending", s.pending},         {"cursor", s.cursor},       {"backing_off", s.backing_off},
          {"error", s.error}};
}

int run_forward(CliState& state, const std::optional<std::string>& destination, int batch_size, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto plugins = rt.value()->plugins();
  if (!plugins) return report_error(plugins.error());
  records::ForwardOptions options;
  options.batch_size = batch_size;
  options.ignore_backoff = true;
  std::vector<records::ForwardSummary> summaries;
  if (destination) {
    auto one = records::forward_destination(rt.value()->db, **plugins, *destination, options);
    if (!one) return report_error(one.error());
    summaries.push_back(*one);
  } else {
    auto all = records::forward_all(rt.value()->db, **plugins, options);
    if (!all) return report_error(all.error());
    summaries = std::move(*all);
  }
  bool trouble = false;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : summaries) {
    out.push_back(summary_json(s));
    trouble = trouble || !s.error.empty();
  }
  if (json) {
    print_json(out);
  } else {
    for (const auto& s : summaries)
      std::cout << s.destination << ": delivered " << s.delivered << ", parked " << s.parked << ", to retry "
                << s.pending << ", cursor " << s.cursor << (s.error.empty() ? "" : "  (" + s.error + ")") << "\n";
  }
  // A destination that did not answer is the environment's problem: exit 3 so cron notices.
  return trouble ? 3 : 0;
}

int show_outbox(CliState& state, const std::optional<std::string>& destination, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto items = records::list_items(rt.value()->db, destination);
  if (!items) return report_error(items.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& i : *items)
    out.push_back({{"destination", i.destination}, {"seq", i.seq}, {"statement_id", i.statement_id},
                   {"state", i.state}, {"attempts", i.attempts}, {"reason", i.reason}, {"updated", i.updated}});
  if (json) {
    print_json(out);
    return 0;
  }
  if (items->empty()) std::cout << "the outbox is empty\n";
  for (const auto& i : *items)
    std::cout << i.destination << "  " << i.statement_id << "  " << i.state << "  attempts " << i.attempts << "  "
              << i.reason << "\n";
  return 0;
}

void add_destination_commands(CLI::App& records, CliState& state) {
  auto* dest = records.add_subcommand("destination", "Other LRSs that statements are forwarded to (lrs-forward)");
  dest->require_subcommand(1);
  auto* add = dest->add_subcommand("add", "Add or update a destination");
  auto d = std::make_shared<records::Destination>();
  add->add_option("NAME", d->name, "A name for the destination")->required();
  add->add_option("--url", d->url, "The remote LRS's xAPI endpoint, e.g. https://lrs.example/xapi")->required();
  add->add_option("--key", d->key, "The remote's Basic auth key")->required();
  add->add_option("--secret", d->secret, "The remote's Basic auth secret")->required();
  add->add_option("--privacy", d->privacy, "as-is, mbox_sha1sum or pseudonym")->capture_default_str();
  add->add_option("--pseudonym-secret", d->pseudonym_secret, "Key of the HMAC-SHA256 pseudonyms (16+ characters)");
  add->add_option("--pseudonym-home-page", d->pseudonym_home_page, "homePage of pseudonymous accounts");
  add->add_option("--timeout-ms", d->timeout_ms, "Per-request timeout")->capture_default_str();
  auto add_json = std::make_shared<bool>(false);
  add->add_flag("--json", *add_json, "Print as JSON (never the secrets)");
  add->callback([&state, d, add_json] {
    state.action = [&state, d, add_json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      if (auto st = records::add_destination(rt.value()->db, *d); !st) return report_error(st.error());
      return report_done(*add_json,
                         {{"name", d->name}, {"url", d->url}, {"privacy", d->privacy}, {"timeout_ms", d->timeout_ms}},
                         "destination " + d->name + " forwards to " + d->url + " (privacy " + d->privacy + ")");
    };
  });

  auto* list = dest->add_subcommand("list", "List destinations with their cursor and last error (never secrets)");
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "Print as JSON");
  list->callback([&state, json] {
    state.action = [&state, json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto all = records::describe_destinations(rt.value()->db);
      if (!all) return report_error(all.error());
      if (*json) {
        print_json(*all);
      } else {
        for (const auto& d : *all)
          std::cout << d["name"].get<std::string>() << "  " << d["url"].get<std::string>() << "  privacy "
                    << d["privacy"].get<std::string>() << "  cursor " << d["cursor"] << "  "
                    << d["last_error"].get<std::string>() << "\n";
      }
      return 0;
    };
  });

  auto* remove = dest->add_subcommand("remove", "Remove a destination and its outbox");
  auto name = std::make_shared<std::string>();
  auto remove_json = std::make_shared<bool>(false);
  remove->add_option("NAME", *name, "The destination")->required();
  remove->add_flag("--json", *remove_json, "Print as JSON");
  remove->callback([&state, name, remove_json] {
    state.action = [&state, name, remove_json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto removed = records::remove_destination(rt.value()->db, *name);
      if (!removed) return report_error(removed.error());
      if (!*removed) return report_error(make_error(ErrorKind::not_found, "no destination named '" + *name + "'"));
      return report_done(*remove_json, {{"name", *name}, {"removed", true}}, "removed destination " + *name);
    };
  });
}

struct ForwardArgs {
  std::optional<std::string> destination;
  int batch_size = 100;
  bool json = false;
};

void add_forward_command(CLI::App& records, CliState& state) {
  auto* cmd = records.add_subcommand("forward", "Forward new and due statements to the destinations once, then exit");
  auto args = std::make_shared<ForwardArgs>();
  cmd->add_option_function<std::string>("--destination", [args](const std::string& v) { args->destination = v; },
                                        "Only this destination");
  cmd->add_option("--batch-size", args->batch_size, "Statements per POST")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_flag("--json", args->json, "Print as JSON");
  cmd->callback([&state, args] {
    state.action = [&state, args] { return run_forward(state, args->destination, args->batch_size, args->json); };
  });
}

void add_outbox_command(CLI::App& records, CliState& state) {
  auto* outbox = records.add_subcommand("outbox", "Statements waiting for a destination (pending) or refused (parked)");
  auto args = std::make_shared<ForwardArgs>();
  outbox->add_option_function<std::string>("--destination", [args](const std::string& v) { args->destination = v; },
                                           "Only this destination");
  outbox->add_flag("--json", args->json, "Print as JSON");
  auto* replay = outbox->add_subcommand("replay", "Re-send pending and parked statements now");
  auto replay_args = std::make_shared<ForwardArgs>();
  replay->add_option_function<std::string>("--destination",
                                           [replay_args](const std::string& v) { replay_args->destination = v; },
                                           "Only this destination");
  replay->add_flag("--json", replay_args->json, "Print as JSON");
  outbox->callback([&state, args, replay] {
    if (replay->parsed()) return;
    state.action = [&state, args] { return show_outbox(state, args->destination, args->json); };
  });
  replay->callback([&state, replay_args] {
    state.action = [&state, replay_args] {
      {
        auto rt = state.open_runtime();
        if (!rt) return report_error(rt.error());
        auto requeued = records::requeue_items(rt.value()->db, replay_args->destination);
        if (!requeued) return report_error(requeued.error());
        if (!replay_args->json) std::cout << "re-sending " << *requeued << " statement(s)\n";
      }
      return run_forward(state, replay_args->destination, 100, replay_args->json);
    };
  });
}

}  // namespace

void add_forward_commands(CLI::App& records, CliState& state) {
  add_destination_commands(records, state);
  add_forward_command(records, state);
  add_outbox_command(records, state);
}

}  // namespace trellis::cli
