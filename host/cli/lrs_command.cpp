// `trellis lrs key create|list|revoke`: the credentials xAPI clients use.
#include <iostream>
#include <sstream>
#include <vector>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "lrs/credentials.hpp"
#include "records/key_store.hpp"

namespace trellis::cli {
namespace {

std::vector<std::string> split_scopes(const std::string& joined) {
  std::vector<std::string> out;
  std::istringstream in(joined);
  for (std::string s; in >> s;) out.push_back(s);
  return out;
}

void add_key_create(CLI::App& key, CliState& state) {
  auto* create = key.add_subcommand("create", "Create a key and secret for an xAPI client (the secret is shown once)");
  auto name = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto scopes = std::make_shared<std::vector<std::string>>();
  create->add_option("--name", *name, "A name for the client, shown as the statements' authority");
  create->add_option("--scope", *scopes,
                     "What the key may do, repeatable: 'all' (the xAPI LRS and records export; the default) or "
                     "'admin' (the administration API: plugins, package upload)");
  create->add_flag("--json", *json, "Print as JSON");
  create->callback([&state, name, json, scopes] {
    state.action = [&state, name, json, scopes] {
      if (scopes->empty()) scopes->push_back(std::string(lrs::kScopeXapi));
      if (auto valid = lrs::validate_scopes(*scopes); !valid) return report_error(valid.error());
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto made = lrs::create_credentials(rt.value()->db, *name, *scopes);
      if (!made) return report_error(made.error());
      if (*json) {
        print_json({{"key", made->key}, {"secret", made->secret}, {"name", made->name}, {"scopes", *scopes}});
      } else {
        std::cout << "key     " << made->key << "\nsecret  " << made->secret << "\nname    " << made->name
                  << "\nscopes  " << made->scopes << "\n(the secret is not stored; keep it now)\n";
      }
      return 0;
    };
  });
}

void add_key_list(CLI::App& key, CliState& state) {
  auto* list = key.add_subcommand("list", "List keys (never their secrets)");
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "Print as JSON");
  list->callback([&state, json] {
    state.action = [&state, json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto keys = records::list_keys(rt.value()->db);
      if (!keys) return report_error(keys.error());
      nlohmann::json out = nlohmann::json::array();
      for (const auto& k : *keys)
        out.push_back({{"key", k.key},
                       {"name", k.name},
                       {"scopes", split_scopes(k.scopes)},
                       {"created", k.created},
                       {"revoked", k.revoked ? nlohmann::json(*k.revoked) : nlohmann::json()}});
      if (*json) {
        print_json(out);
      } else {
        for (const auto& k : *keys)
          std::cout << k.key << "  " << k.name << "  " << k.scopes << "  created " << k.created
                    << (k.revoked ? "  REVOKED " + *k.revoked : "") << "\n";
      }
      return 0;
    };
  });
}

void add_key_revoke(CLI::App& key, CliState& state) {
  auto* revoke = key.add_subcommand("revoke", "Revoke a key; its clients get 401 from then on");
  auto id = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  revoke->add_option("KEY", *id, "The key to revoke")->required();
  revoke->add_flag("--json", *json, "Print as JSON");
  revoke->callback([&state, id, json] {
    state.action = [&state, id, json] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      if (auto st = records::revoke_key(rt.value()->db, *id); !st) return report_error(st.error());
      return report_done(*json, {{"key", *id}, {"revoked", true}}, "revoked " + *id);
    };
  });
}

}  // namespace

void add_lrs_command(CLI::App& app, CliState& state) {
  auto* lrs = app.add_subcommand("lrs", "The learning record store (xAPI) at /xapi/");
  lrs->require_subcommand(1);
  auto* key = lrs->add_subcommand("key", "Credentials of xAPI clients (HTTP Basic)");
  key->require_subcommand(1);
  add_key_create(*key, state);
  add_key_list(*key, state);
  add_key_revoke(*key, state);
}

}  // namespace trellis::cli
