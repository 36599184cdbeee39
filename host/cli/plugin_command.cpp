// `trellis plugin ...`: the administrator's plugin commands, plus the hidden
// `plugin probe` the host re-runs itself with to load a plugin in a child.
#include <cstdlib>
#include <iostream>

#include "cli/cli.hpp"

#include <nlohmann/json.hpp>
#include "cli/output.hpp"
#include "plugins/admin.hpp"
#include "plugins/probe.hpp"
#include "plugins/signature.hpp"

namespace trellis::cli {
namespace {

constexpr const char* kAllowUnsignedFlag = "pass --allow-unsigned";

using Json = nlohmann::json;
using AdminAction = std::function<Result<Json>(plugins::PluginAdmin&)>;
using TextPrinter = std::function<void(const Json&)>;

std::string str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

void print_list(const Json& list) {
  if (list.empty()) std::cout << "no plugins\n";
  for (const auto& p : list) {
    std::cout << str(p, "id") << " " << str(p, "version") << "  " << str(p, "state") << " (" << str(p, "source")
              << (p.value("unsigned", false) ? ", unsigned" : "") << ")";
    if (!str(p, "reason").empty()) std::cout << "  " << str(p, "reason");
    std::cout << "\n";
  }
}

void print_info(const Json& p) {
  for (const char* key : {"id", "name", "version", "publisher", "license", "description", "source", "state", "reason",
                          "folder", "host_version", "library", "sha256", "previous_version"})
    if (!str(p, key).empty()) std::cout << key << ": " << str(p, key) << "\n";
  std::cout << "enabled: " << (p.value("enabled", false) ? "yes" : "no") << "\n";
  std::cout << "signature: "
            << (p["signed_by"].is_string() ? "signed by " + p["signed_by"].get<std::string>()
                                          : std::string(p.value("unsigned", false) ? "UNSIGNED" : "none (bundled)"))
            << "\n";
  if (p.contains("capabilities")) {
    std::cout << "capabilities:";
    for (const auto& c : p["capabilities"]) std::cout << " " << c.get<std::string>();
    std::cout << "\n";
  }
  if (p.contains("settings") && !p["settings"].empty()) {
    std::cout << "settings:\n";
    for (const auto& s : p["settings"])
      std::cout << "  " << str(s, "name") << " (" << str(s, "type") << ") = " << s["value"].dump()
                << (s.value("set", false) ? "" : " (default)") << "  " << str(s, "description") << "\n";
  }
}

void print_check(const Json& r) {
  std::cout << "plugin " << str(r, "id") << " " << str(r, "version") << ": "
            << (r.value("ok", false) ? "every contract held" : "FAILED") << " (" << r.value("cases", 0)
            << " cases exercised)\n";
  if (!str(r, "signature").empty()) std::cout << "signature: " << str(r, "signature") << "\n";
  if (!str(r, "reason").empty()) std::cout << "reason: " << str(r, "reason") << "\n";
  for (const auto& p : r.value("problems", Json::array()))
    std::cout << "  " << str(p, "capability") << " [" << str(p, "case") << "]: " << str(p, "problem") << "\n";
}

// Adds one admin subcommand: opens the home, loads the plugins, runs `action`,
// prints JSON or text. `fails` says whether a successful report is a refusal.
CLI::App* admin_command(CLI::App& parent, CliState& state, const std::string& name, const std::string& help,
                        std::function<AdminAction()> make, TextPrinter text,
                        std::function<bool(const Json&)> fails = nullptr) {
  auto* cmd = parent.add_subcommand(name, help);
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print as JSON");
  cmd->callback([&state, json, make, text, fails] {
    AdminAction action = make();
    state.action = [&state, json, action, text, fails] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto manager = rt.value()->plugins();
      if (!manager) return report_error(manager.error());
      plugins::PluginAdmin admin(rt.value()->home, rt.value()->db, *manager.value(), plugins::probe_executable());
      auto result = action(admin);
      if (!result) return report_error(result.error());
      if (*json)
        print_json(result.value());
      else
        text(result.value());
      if (fails && fails(result.value())) {
        std::cerr << "trellis: " << plugins::refusal_reason(result.value()) << "\n";
        return 1;
      }
      return 0;
    };
  });
  return cmd;
}

void add_probe(CLI::App& plugin, CliState& state) {
  auto* probe = plugin.add_subcommand("probe", "Load one plugin folder in this process and print a JSON report");
  probe->group("");  // internal: the host runs it in a child process
  auto folder = std::make_shared<std::string>();
  probe->add_option("FOLDER", *folder)->required();
  probe->callback([&state, folder] {
    state.action = [folder] {
      auto report = plugins::probe_here(*folder);
      print_json(report);
      if (report.value("call_still_running", false)) {
        // A plugin call is still running on another thread: ending without the
        // usual clean-up keeps it from crashing this process after the report.
        std::cout.flush();
        std::_Exit(0);
      }
      return 0;
    };
  });
}

void add_sign(CLI::App& plugin, CliState& state) {
  auto* sign = plugin.add_subcommand("sign", "Sign a plugin folder's plugin.json with an Ed25519 key (writes plugin.sig)");
  auto folder = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  sign->add_option("FOLDER", *folder, "The built plugin folder")->required();
  sign->add_option("--key", *key, "PEM Ed25519 private key (openssl genpkey -algorithm ed25519)")->required();
  sign->add_flag("--json", *json, "Print as JSON");
  sign->callback([&state, folder, key, json] {
    state.action = [folder, key, json] {
      auto id = plugins::sign_plugin_folder(*folder, *key);
      if (!id) return report_error(id.error());
      if (*json)
        print_json({{"folder", *folder}, {"key_id", id.value()}});
      else
        std::cout << "signed " << *folder << "/plugin.json with key " << id.value() << "\n";
      return 0;
    };
  });
}

}  // namespace

void add_plugin_command(CLI::App& app, CliState& state) {
  auto* plugin = app.add_subcommand("plugin", "Install, configure, check and remove plugins");
  plugin->require_subcommand(1);

  admin_command(*plugin, state, "list", "List plugins with their state", [] {
    return [](plugins::PluginAdmin& a) { return a.list(); };
  }, print_list);

  auto id = std::make_shared<std::string>();
  auto path = std::make_shared<std::string>();
  auto allow_unsigned = std::make_shared<bool>(false);
  auto purge = std::make_shared<bool>(false);
  auto pairs = std::make_shared<std::vector<std::string>>();

  admin_command(*plugin, state, "info", "Show one plugin: manifest, state, refusal reason, settings", [id] {
    return [id](plugins::PluginAdmin& a) { return a.info(*id); };
  }, print_info)->add_option("ID", *id, "Plugin id")->required();

  auto installed_text = [](const char* verb) {
    return [verb](const Json& r) {
      std::cout << verb << " " << str(r, "id") << " " << str(r, "version") << " into " << str(r, "folder")
                << (r.value("unsigned", false) ? " (UNSIGNED)" : " (signed by " + str(r, "signed_by") + ")") << "\n";
    };
  };
  auto* install = admin_command(*plugin, state, "install", "Install a plugin folder or .zip into the home", [path, allow_unsigned] {
    return [path, allow_unsigned](plugins::PluginAdmin& a) {
      return a.install(*path, {*allow_unsigned, false, {}, kAllowUnsignedFlag});
    };
  }, installed_text("installed"));
  install->add_option("PATH", *path, "Plugin folder or .zip of one")->required();
  install->add_flag("--allow-unsigned", *allow_unsigned, "Accept a plugin without a trusted signature");

  auto* upgrade = admin_command(*plugin, state, "upgrade", "Replace an installed plugin by a newer version, keeping the old for rollback",
                                [path, allow_unsigned] {
    return [path, allow_unsigned](plugins::PluginAdmin& a) {
      return a.install(*path, {*allow_unsigned, true, {}, kAllowUnsignedFlag});
    };
  }, installed_text("upgraded"));
  upgrade->add_option("PATH", *path, "Plugin folder or .zip of one")->required();
  upgrade->add_flag("--allow-unsigned", *allow_unsigned, "Accept a plugin without a trusted signature");

  admin_command(*plugin, state, "rollback", "Go back to the version an upgrade replaced", [id] {
    return [id](plugins::PluginAdmin& a) { return a.rollback(*id); };
  }, [](const Json& r) {
    std::cout << "rolled " << str(r, "id") << " back to " << str(r, "version") << "\n";
  })->add_option("ID", *id, "Plugin id")->required();

  for (bool enable : {true, false}) {
    admin_command(*plugin, state, enable ? "enable" : "disable",
                  std::string(enable ? "Enable" : "Disable") +
                      " a plugin: this command and the next ones see it at once; a running `trellis serve` "
                      "applies it when it next starts (the same change over REST applies at once)",
                  [id, enable] { return [id, enable](plugins::PluginAdmin& a) { return a.set_enabled(*id, enable); }; },
                  [enable](const Json& r) { std::cout << (enable ? "enabled " : "disabled ") << str(r, "id") << "\n"; })
        ->add_option("ID", *id, "Plugin id")
        ->required();
  }

  auto* remove = admin_command(*plugin, state, "remove", "Remove an installed plugin", [id, purge] {
    return [id, purge](plugins::PluginAdmin& a) { return a.remove(*id, *purge); };
  }, [](const Json& r) {
    std::cout << "removed " << str(r, "id") << (r.value("purged", false) ? " and its stored data" : "") << "\n";
  });
  remove->add_option("ID", *id, "Plugin id")->required();
  remove->add_flag("--purge", *purge, "Also delete the plugin's settings and stored data");

  auto* configure = admin_command(*plugin, state, "configure", "Set plugin settings (checked against what it declares)",
                                  [id, pairs] {
    return [id, pairs](plugins::PluginAdmin& a) -> Result<Json> {
      std::map<std::string, std::string> values;
      for (const auto& p : *pairs) {
        auto eq = p.find('=');
        if (eq == std::string::npos || eq == 0)
          return make_error(ErrorKind::usage, "settings are KEY=VALUE, got '" + p + "'");
        values[p.substr(0, eq)] = p.substr(eq + 1);
      }
      return a.configure(*id, values);
    };
  }, [](const Json& r) {
    for (const auto& [k, v] : r["settings"].items()) std::cout << str(r, "id") << ": " << k << " = " << v.get<std::string>() << "\n";
  });
  configure->add_option("ID", *id, "Plugin id")->required();
  configure->add_option("SETTINGS", *pairs, "KEY=VALUE pairs")->required();

  admin_command(*plugin, state, "check", "Validate a plugin folder or .zip: load it in a child process and exercise every capability",
                [path] { return [path](plugins::PluginAdmin& a) { return a.check(*path); }; }, print_check,
                [](const Json& r) { return !r.value("ok", false); })
      ->add_option("PATH", *path, "Plugin folder or .zip of one")
      ->required();

  add_sign(*plugin, state);
  add_probe(*plugin, state);
}

}  // namespace trellis::cli
