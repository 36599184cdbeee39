// `trellis discuss suggest|attach|detach|links`: knowledge for a course module.
// Shares the `discuss` subcommand with the community commands (discuss_command.cpp)
// when they are registered first.
#include <iostream>

#include "cli/cli.hpp"

#include <nlohmann/json.hpp>
#include "cli/output.hpp"
#include "knowledge/link_store.hpp"
#include "knowledge/publish.hpp"
#include "knowledge/suggestions.hpp"
#include "store/store.hpp"

namespace trellis::cli {
namespace {

CLI::App* discuss_subcommand(CLI::App& app) {
  try {
    return app.get_subcommand("discuss");
  } catch (const CLI::OptionNotFound&) {
    auto* discuss = app.add_subcommand("discuss", "Discussions and knowledge attached to course modules");
    discuss->require_subcommand(1);
    return discuss;
  }
}

struct Opened {
  std::unique_ptr<Runtime> runtime;
  std::vector<knowledge::ConnectorRef> connectors;
  std::optional<knowledge::ConnectorDriver> driver;
};

Result<Opened> open_with_connectors(CliState& state) {
  auto rt = state.open_runtime();
  if (!rt) return rt.error();
  Opened o{std::move(rt).value(), {}, std::nullopt};
  auto settings = knowledge::load_knowledge_settings(o.runtime->db);
  if (!settings) return settings.error();
  auto manager = o.runtime->plugins();
  if (!manager) return manager.error();
  o.connectors = manager.value()->connectors();
  o.driver.emplace(knowledge::driver_options(*settings));
  return o;
}

int suggest(CliState& state, const std::string& module_id, bool json) {
  auto o = open_with_connectors(state);
  if (!o) return report_error(o.error());
  auto& db = o->runtime->db;
  if (auto done = knowledge::backfill_module_index(db); !done) return report_error(done.error());
  auto module = knowledge::find_module(db, module_id);
  if (!module) return report_error(module.error());
  if (!module->has_value()) return report_error(make_error(ErrorKind::not_found, "no module with id " + module_id));
  auto found = knowledge::suggest_for_module(db, **module, o->connectors, *o->driver);
  if (!found) return report_error(found.error());
  if (json) {
    print_json(knowledge::to_json(*found));
    return 0;
  }
  std::cout << "suggestions for " << (*module)->title << " (" << module_id << ")\n";
  if (found->suggestions.empty()) std::cout << "  none (nothing new: what is attached is listed by discuss links)\n";
  for (const auto& s : found->suggestions)
    std::cout << "  " << static_cast<int>(s.score * 100) << "%  " << s.item.str() << "  " << s.title << "\n";
  for (const auto& c : found->connectors)
    if (c.status != "ok") std::cout << "  (" << c.plugin_id << ": " << c.status << ": " << c.error << ")\n";
  return 0;
}

int attach(CliState& state, const std::string& module_id, const std::string& item_text, bool json) {
  auto item = knowledge::parse_item_id(item_text);
  if (!item) return report_error(item.error());
  auto o = open_with_connectors(state);
  if (!o) return report_error(o.error());
  auto link = knowledge::attach_item(o->runtime->db, module_id, *item, "cli", o->connectors, *o->driver);
  if (!link) return report_error(link.error());
  return report_done(json, knowledge::to_json(*link),
                     "attached " + link->item.str() + " (" + link->title + ") to " + module_id);
}

int publish(CliState& state, const knowledge::PublishRequest& request, bool json) {
  auto o = open_with_connectors(state);
  if (!o) return report_error(o.error());
  auto link = knowledge::publish_module_thread(o->runtime->db, request, o->connectors, *o->driver);
  if (!link) return report_error(link.error());
  if (json) {
    print_json({{"module_id", link->module_id},
                {"item", link->item.str()},
                {"title", link->title},
                {"url", link->url},
                {"source", link->item.source}});
  } else {
    std::cout << "opened " << link->url << " (" << link->title << ") and attached " << link->item.str() << " to "
              << link->module_id << "\n";
  }
  return 0;
}

int detach(CliState& state, const std::string& module_id, const std::string& item_text, bool json) {
  auto item = knowledge::parse_item_id(item_text);
  if (!item) return report_error(item.error());
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto& db = rt.value()->db;
  auto tx = store::Transaction::begin(db);
  if (!tx) return report_error(tx.error());
  auto removed = knowledge::detach_link(db, module_id, *item);
  if (!removed) return report_error(removed.error());
  if (!*removed)
    return report_error(make_error(ErrorKind::not_found, item->str() + " is not attached to module " + module_id));
  if (auto st = store::audit(db, "cli", "module.detach", module_id, item->str()); !st) return report_error(st.error());
  if (auto st = tx->commit(); !st) return report_error(st.error());
  return report_done(json, {{"module_id", module_id}, {"item", item->str()}, {"detached", true}},
                     "detached " + item->str() + " from " + module_id);
}

int links(CliState& state, const std::string& module_id, bool json) {
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto module = knowledge::find_module(rt.value()->db, module_id);
  if (!module) return report_error(module.error());
  if (!module->has_value()) return report_error(make_error(ErrorKind::not_found, "no module with id " + module_id));
  auto found = knowledge::module_links(rt.value()->db, module_id);
  if (!found) return report_error(found.error());
  nlohmann::json out = {{"module_id", module_id}, {"links", nlohmann::json::array()}};
  for (const auto& l : *found) out["links"].push_back(knowledge::to_json(l));
  if (json) {
    print_json(out);
    return 0;
  }
  if (found->empty()) std::cout << "nothing attached to " << module_id << "\n";
  for (const auto& l : *found)
    std::cout << "  " << l.item.str() << "  " << l.title << "  (" << (l.automatic ? "automatic" : l.attached_by)
              << ")\n";
  return 0;
}

}  // namespace

void add_discuss_link_commands(CLI::App& app, CliState& state) {
  auto* discuss = discuss_subcommand(app);
  auto module = std::make_shared<std::string>();
  auto item = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);

  auto* s = discuss->add_subcommand("suggest", "Rank what the index and every enabled connector know about a module");
  s->add_option("MODULE", *module, "Module id (from course show)")->required();
  s->add_flag("--json", *json, "Print as JSON");
  s->callback([&state, module, json] { state.action = [&state, module, json] { return suggest(state, *module, *json); }; });

  auto* a = discuss->add_subcommand("attach", "Attach an item (KIND:SOURCE:REF) to a module");
  a->add_option("MODULE", *module, "Module id")->required();
  a->add_option("ITEM", *item, "KIND:SOURCE:REF, e.g. thread:native:42 or document:folder-kb:guides/culture.md")
      ->required();
  a->add_flag("--json", *json, "Print the link as JSON");
  a->callback([&state, module, item, json] {
    state.action = [&state, module, item, json] { return attach(state, *module, *item, *json); };
  });

  auto* d = discuss->add_subcommand("detach", "Detach an item (KIND:SOURCE:REF) from a module");
  d->add_option("MODULE", *module, "Module id")->required();
  d->add_option("ITEM", *item, "KIND:SOURCE:REF")->required();
  d->add_flag("--json", *json, "Print as JSON");
  d->callback([&state, module, item, json] {
    state.action = [&state, module, item, json] { return detach(state, *module, *item, *json); };
  });

  auto publish_request = std::make_shared<knowledge::PublishRequest>();
  auto* p = discuss->add_subcommand(
      "publish", "Open a thread about a module in an outside community (a connector that can post) and attach it");
  p->add_option("MODULE", publish_request->module_id, "Module id")->required();
  p->add_option("--connector", publish_request->plugin_id, "The connector plugin to post with")->required();
  p->add_option("--title", publish_request->title, "Thread title (default: \"Discussion: <module title>\")");
  p->add_option("--body", publish_request->body, "Opening post, Markdown (default: the module's description)");
  p->add_option("--author", publish_request->author, "Who the thread is opened for");
  p->add_flag("--json", *json, "Print as JSON");
  p->callback([&state, publish_request, json] {
    state.action = [&state, publish_request, json] {
      publish_request->actor = "cli";
      return publish(state, *publish_request, *json);
    };
  });

  auto* l = discuss->add_subcommand("links", "List what is attached to a module");
  l->add_option("MODULE", *module, "Module id")->required();
  l->add_flag("--json", *json, "Print as JSON");
  l->callback([&state, module, json] { state.action = [&state, module, json] { return links(state, *module, *json); }; });
}

}  // namespace trellis::cli
