// What an administrator does to plugins, shared by the CLI and the REST API.
// Every change is checked first, then stored in one transaction with its audit
// line; files are staged under the home's tmp/ and renamed into place.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/home.hpp"
#include "core/result.hpp"
#include "plugins/manager.hpp"
#include "store/database.hpp"

namespace trellis::plugins {

struct InstallOptions {
  bool allow_unsigned = false;
  bool upgrade = false;  // replace an installed plugin, keeping it for rollback
  std::string expected_id;  // refuse a package of another plugin (empty: any)
  // How the caller's user allows an unsigned plugin, named in the refusal: each
  // adapter speaks its own language (a CLI flag, a query parameter).
  std::string allow_unsigned_advice = "allow unsigned plugins";
};

class PluginAdmin {
 public:
  // `manager` has loaded the home's plugins; `probe_exe` re-runs trellis for child
  // probes (empty: probe in this process, for tests without the executable).
  PluginAdmin(const Home& home, store::Database& db, PluginManager& manager, std::filesystem::path probe_exe,
              std::string actor = "cli");

  Result<nlohmann::json> list();
  Result<nlohmann::json> info(const std::string& id);
  Result<nlohmann::json> install(const std::filesystem::path& source, const InstallOptions& options);
  Result<nlohmann::json> rollback(const std::string& id);
  Result<nlohmann::json> set_enabled(const std::string& id, bool enabled);
  Result<nlohmann::json> remove(const std::string& id, bool purge);
  Result<nlohmann::json> configure(const std::string& id, const std::map<std::string, std::string>& values);
  // The author's validator: static checks plus the child-process exercise. The
  // report's "ok" says whether every contract held.
  Result<nlohmann::json> check(const std::filesystem::path& source);

 private:
  // A folder holding plugin.json: `source` itself or unpacked from a .zip into
  // `staging`.
  Result<std::filesystem::path> plugin_folder(const std::filesystem::path& source, const std::filesystem::path& staging);
  Result<nlohmann::json> probe(const std::filesystem::path& folder);
  Result<std::string> signature_of(const std::filesystem::path& folder, const InstallOptions& options);
  Status dependencies_present(const PluginManifest& manifest);
  nlohmann::json describe(const PluginRecord& record);

  const Home& home_;
  store::Database& db_;
  PluginManager& manager_;
  std::filesystem::path probe_exe_;
  std::string actor_;
};

}  // namespace trellis::plugins
