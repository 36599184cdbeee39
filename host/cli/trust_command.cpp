// `trellis trust add|list|remove`: the Ed25519 publisher keys whose signatures
// `trellis plugin install` accepts.
#include <iostream>

#include "cli/cli.hpp"

#include <nlohmann/json.hpp>
#include "cli/output.hpp"
#include "plugins/plugin_store.hpp"
#include "plugins/signature.hpp"
#include "store/store.hpp"

namespace trellis::cli {

void add_trust_command(CLI::App& app, CliState& state) {
  auto* trust = app.add_subcommand("trust", "Manage the publisher keys trusted to sign plugins");
  trust->require_subcommand(1);
  auto json = std::make_shared<bool>(false);

  auto* add = trust->add_subcommand("add", "Trust a publisher's Ed25519 public key");
  auto key = std::make_shared<std::string>();
  auto comment = std::make_shared<std::string>();
  add->add_option("KEY", *key, "PEM public key file, PEM text, or base64 of the 32 raw bytes")->required();
  add->add_option("--comment", *comment, "Who the key belongs to");
  add->add_flag("--json", *json, "Print as JSON");
  add->callback([&state, key, comment, json] {
    state.action = [&state, key, comment, json] {
      auto parsed = plugins::parse_public_key(*key);
      if (!parsed) return report_error(parsed.error());
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto& db = rt.value()->db;
      auto tx = store::Transaction::begin(db);
      if (!tx) return report_error(tx.error());
      if (auto st = plugins::add_trusted_key(db, {parsed->key_id, parsed->base64_raw, *comment, ""}); !st)
        return report_error(st.error());
      if (auto st = store::audit(db, "cli", "trust.add", parsed->key_id, *comment); !st) return report_error(st.error());
      if (auto st = tx->commit(); !st) return report_error(st.error());
      if (*json)
        print_json({{"key_id", parsed->key_id}, {"public_key", parsed->base64_raw}, {"comment", *comment}});
      else
        std::cout << "trusted key " << parsed->key_id << "\n";
      return 0;
    };
  });

  auto* list = trust->add_subcommand("list", "List trusted publisher keys");
  list->add_flag("--json", *json, "Print as JSON");
  list->callback([&state, json] {
    state.action = [&state, json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto keys = plugins::list_trusted_keys(rt.value()->db);
      if (!keys) return report_error(keys.error());
      nlohmann::json out = nlohmann::json::array();
      for (const auto& k : keys.value())
        out.push_back({{"key_id", k.key_id}, {"public_key", k.public_key}, {"comment", k.comment}, {"added_at", k.added_at}});
      if (*json) {
        print_json(out);
      } else {
        if (out.empty()) std::cout << "no trusted keys\n";
        for (const auto& k : keys.value()) std::cout << k.key_id << "  " << k.public_key << "  " << k.comment << "\n";
      }
      return 0;
    };
  });

  auto* remove = trust->add_subcommand("remove", "Stop trusting a key (installed plugins stay installed)");
  auto key_id = std::make_shared<std::string>();
  remove->add_option("KEY_ID", *key_id, "The key id shown by `trellis trust list`")->required();
  remove->add_flag("--json", *json, "Print as JSON");
  remove->callback([&state, key_id, json] {
    state.action = [&state, key_id, json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto& db = rt.value()->db;
      auto tx = store::Transaction::begin(db);
      if (!tx) return report_error(tx.error());
      auto removed = plugins::remove_trusted_key(db, *key_id);
      if (!removed) return report_error(removed.error());
      if (!removed.value()) return report_error(make_error(ErrorKind::not_found, "no trusted key " + *key_id));
      if (auto st = store::audit(db, "cli", "trust.remove", *key_id); !st) return report_error(st.error());
      if (auto st = tx->commit(); !st) return report_error(st.error());
      if (*json)
        print_json({{"key_id", *key_id}, {"removed", true}});
      else
        std::cout << "no longer trusting " << *key_id << "\n";
      return 0;
    };
  });
}

}  // namespace trellis::cli
