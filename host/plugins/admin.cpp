#include "plugins/admin.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include "core/semver.hpp"
#include "plugins/instance.hpp"
#include "plugins/plugin_store.hpp"
#include "plugins/probe.hpp"
#include "plugins/setting_types.hpp"
#include "plugins/signature.hpp"
#include "plugins/zip_extract.hpp"
#include "store/store.hpp"

namespace trellis::plugins {
namespace fs = std::filesystem;
namespace {

// A staging folder under the home's tmp/, removed when it goes out of scope.
class Staging {
 public:
  explicit Staging(const Home& home) {
    static int counter = 0;
    path_ = home.tmp() / ("plugin-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_, ec);
  }
  ~Staging() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

Error refused(const std::string& id, const std::string& why) {
  return make_error(ErrorKind::invalid_input, "plugin '" + id + "': " + why);
}

bool is_secret(const PluginManifest& m, const std::string& key) {
  const auto* s = m.setting(key);
  return s != nullptr && s->type == "secret";
}

}  // namespace

PluginAdmin::PluginAdmin(const Home& home, store::Database& db, PluginManager& manager, fs::path probe_exe,
                         std::string actor)
    : home_(home), db_(db), manager_(manager), probe_exe_(std::move(probe_exe)), actor_(std::move(actor)) {}

nlohmann::json PluginAdmin::describe(const PluginRecord& r) {
  nlohmann::json j = {{"id", r.id},       {"source", r.source}, {"enabled", r.enabled},
                      {"state", r.state}, {"reason", r.reason}, {"folder", r.folder.string()},
                      {"signed_by", r.signed_by.empty() ? nlohmann::json() : nlohmann::json(r.signed_by)},
                      {"unsigned", r.source == "installed" && r.signed_by.empty()}};
  if (r.manifest) {
    j["name"] = r.manifest->name;
    j["version"] = r.manifest->version;
    j["publisher"] = r.manifest->publisher;
    j["capabilities"] = r.manifest->capabilities;
  }
  if (!r.previous_version.empty()) j["previous_version"] = r.previous_version;
  return j;
}

Result<nlohmann::json> PluginAdmin::list() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : manager_.plugins()) out.push_back(describe(*p));
  return out;
}

Result<nlohmann::json> PluginAdmin::info(const std::string& id) {
  const PluginRecord* r = manager_.find(id);
  if (r == nullptr) return make_error(ErrorKind::not_found, "no plugin '" + id + "' is installed");
  nlohmann::json j = describe(*r);
  if (!r->manifest) return j;
  const auto& m = *r->manifest;
  j["license"] = m.license;
  j["description"] = m.description;
  j["abi"] = {{"major", m.abi_major}, {"minor", m.abi_minor}};
  j["host_version"] = m.host_version;
  j["library"] = m.library;
  j["sha256"] = m.sha256;
  j["dependencies"] = nlohmann::json::array();
  for (const auto& d : m.dependencies) j["dependencies"].push_back({{"id", d.id}, {"version", d.version_range}});
  auto stored = plugin_settings(db_, id);
  if (!stored) return stored.error();
  j["settings"] = nlohmann::json::array();
  for (const auto& s : m.settings) {
    nlohmann::json value = s.default_value;
    bool set = stored->count(s.name) != 0;
    if (set) value = stored->at(s.name);
    if (s.type == "secret" && set) value = "********";
    j["settings"].push_back({{"name", s.name}, {"type", s.type}, {"default", s.default_value},
                             {"description", s.description}, {"value", value}, {"set", set}});
  }
  auto kv = count_plugin_kv(db_, id);
  if (!kv) return kv.error();
  j["stored_keys"] = kv.value();
  return j;
}

Result<fs::path> PluginAdmin::plugin_folder(const fs::path& source, const fs::path& staging) {
  std::error_code ec;
  if (fs::is_directory(source, ec)) {
    if (!fs::exists(source / "plugin.json"))
      return make_error(ErrorKind::invalid_input, source.string() + ": no plugin.json (is this a plugin folder?)");
    return source;
  }
  if (!fs::is_regular_file(source, ec))
    return make_error(ErrorKind::not_found, source.string() + ": no such plugin folder or .zip");
  TRELLIS_TRY(extract_zip(source, staging));
  if (fs::exists(staging / "plugin.json")) return staging;
  // A zip of the folder itself: one top-level directory holding plugin.json.
  std::vector<fs::path> tops;
  for (const auto& e : fs::directory_iterator(staging, ec)) tops.push_back(e.path());
  if (tops.size() == 1 && fs::exists(tops[0] / "plugin.json")) return tops[0];
  return make_error(ErrorKind::invalid_input, source.string() + ": holds no plugin.json at its top");
}

Result<nlohmann::json> PluginAdmin::probe(const fs::path& folder) {
  if (probe_exe_.empty()) return probe_here(folder);
  return probe_in_child(probe_exe_, folder);
}

Result<std::string> PluginAdmin::signature_of(const fs::path& folder, const InstallOptions& options) {
  auto keys = list_trusted_keys(db_);
  if (!keys) return keys.error();
  std::vector<PublicKey> trusted;
  for (const auto& k : keys.value()) trusted.push_back({k.key_id, k.public_key});
  auto signer = verify_plugin_folder(folder, trusted);
  if (signer) return signer;
  if (signer.error().kind == ErrorKind::not_found && options.allow_unsigned) return std::string();
  if (signer.error().kind == ErrorKind::not_found)
    return make_error(ErrorKind::invalid_input,
                      "is not signed (no plugin.sig); " + options.allow_unsigned_advice + " to install it anyway");
  return signer.error();
}

Status PluginAdmin::dependencies_present(const PluginManifest& m) {
  std::string missing;
  for (const auto& dep : m.dependencies) {
    const PluginRecord* other = manager_.find(dep.id);
    std::string problem;
    if (other == nullptr || !other->manifest) {
      problem = dep.id + " " + dep.version_range + " (not installed)";
    } else {
      auto v = parse_semver(other->manifest->version);
      auto fits = v ? satisfies(v.value(), dep.version_range) : Result<bool>(false);
      if (!fits || !fits.value())
        problem = dep.id + " " + dep.version_range + " (installed: " + other->manifest->version + ")";
      else if (!other->enabled)
        problem = dep.id + " (disabled)";
    }
    if (!problem.empty()) missing += (missing.empty() ? "" : ", ") + problem;
  }
  if (!missing.empty()) return refused(m.id, "missing dependencies: " + missing);
  return {};
}

Result<nlohmann::json> PluginAdmin::install(const fs::path& source, const InstallOptions& options) {
  Staging staging(home_);
  auto folder = plugin_folder(source, staging.path());
  if (!folder) return folder.error();
  auto manifest = read_manifest(folder.value());
  if (!manifest) return manifest.error();
  const auto& m = manifest.value();
  if (!options.expected_id.empty() && options.expected_id != m.id)
    return make_error(ErrorKind::invalid_input, "this is plugin '" + m.id + "', not '" + options.expected_id + "'");
  TRELLIS_TRY(check_manifest_against_host(m, folder.value()));
  auto signer = signature_of(folder.value(), options);
  if (!signer) return refused(m.id, signer.error().message);

  auto existing = find_plugin_row(db_, m.id);
  if (!existing) return existing.error();
  bool installed = existing->has_value() && (*existing)->source == "installed";
  if (options.upgrade && !installed)
    return make_error(ErrorKind::not_found, "plugin '" + m.id + "' is not installed; use `trellis plugin install`");
  if (!options.upgrade && installed)
    return make_error(ErrorKind::conflict, "plugin '" + m.id + "' is already installed (version " +
                                               (*existing)->version + "); use `trellis plugin upgrade`");
  if (options.upgrade) {
    auto from = parse_semver((*existing)->version);
    auto to = parse_semver(m.version);
    if (from && to && !(from.value() < to.value()))
      return refused(m.id, "upgrade needs a newer version than the installed " + (*existing)->version + ", got " +
                               m.version + " (use `trellis plugin rollback` to go back)");
  }
  TRELLIS_TRY(dependencies_present(m));

  // Copy into the home first, then prove the copy in a child process: what is
  // proven is exactly what will be loaded.
  auto target = home_.plugins() / m.id / m.version;
  std::error_code ec;
  if (fs::exists(target, ec)) fs::remove_all(target, ec);
  auto copy = staging.path() / ".copy";
  fs::create_directories(copy, ec);
  for (const char* name : {"plugin.json", "plugin.sig", "README.md", "LICENSE"})
    if (fs::exists(folder.value() / name)) fs::copy_file(folder.value() / name, copy / name, ec);
  fs::copy_file(folder.value() / m.library, copy / m.library, ec);
  if (ec) return make_error(ErrorKind::environment, "cannot copy the plugin into the home: " + ec.message());
  fs::create_directories(target.parent_path(), ec);
  fs::rename(copy, target, ec);
  if (ec) return make_error(ErrorKind::environment, "cannot place the plugin in " + target.string() + ": " + ec.message());

  auto report = probe(target);
  if (!report || !report->value("ok", false)) {
    fs::remove_all(target, ec);
    if (fs::is_empty(target.parent_path(), ec)) fs::remove(target.parent_path(), ec);
    if (!report) return report.error();
    return make_error(ErrorKind::invalid_input, refusal_reason(report.value()));
  }

  PluginRow row;
  row.id = m.id;
  row.folder = target.string();
  row.version = m.version;
  row.enabled = existing->has_value() ? (*existing)->enabled : true;
  row.signed_by = signer.value();
  row.unsigned_ok = signer->empty();
  row.status = "installed";
  row.probed_sha256 = m.sha256;
  if (options.upgrade) {
    row.previous_folder = (*existing)->folder;
    row.previous_version = (*existing)->version;
  }
  auto tx = store::Transaction::begin(db_);
  if (!tx) return tx.error();
  TRELLIS_TRY(save_installed_row(db_, row));
  TRELLIS_TRY(store::audit(db_, actor_, options.upgrade ? "plugin.upgrade" : "plugin.install", m.id,
                           m.version + (row.unsigned_ok ? " (unsigned)" : " signed by " + row.signed_by)));
  TRELLIS_TRY(tx->commit());
  // The version before the previous one is no longer reachable by rollback.
  if (options.upgrade && !(*existing)->previous_folder.empty() && (*existing)->previous_folder != target.string())
    fs::remove_all((*existing)->previous_folder, ec);
  return nlohmann::json{{"id", m.id},
                        {"version", m.version},
                        {"folder", target.string()},
                        {"signed_by", row.signed_by.empty() ? nlohmann::json() : nlohmann::json(row.signed_by)},
                        {"unsigned", row.unsigned_ok},
                        {"previous_version", row.previous_version},
                        {"checks", report.value()}};
}

Result<nlohmann::json> PluginAdmin::rollback(const std::string& id) {
  auto row = find_plugin_row(db_, id);
  if (!row) return row.error();
  if (!row->has_value() || (*row)->source != "installed")
    return make_error(ErrorKind::not_found, "no plugin '" + id + "' is installed");
  PluginRow r = **row;
  if (r.previous_folder.empty() || !fs::exists(fs::path(r.previous_folder) / "plugin.json"))
    return make_error(ErrorKind::conflict, "plugin '" + id + "' has no previous version to roll back to");
  auto manifest = read_manifest(r.previous_folder);
  if (!manifest) return manifest.error();
  TRELLIS_TRY(check_manifest_against_host(manifest.value(), r.previous_folder));
  std::swap(r.folder, r.previous_folder);
  std::swap(r.version, r.previous_version);
  r.probed_sha256 = manifest->sha256;  // it was proven when it was installed
  r.status = "installed";
  r.status_reason.clear();
  auto tx = store::Transaction::begin(db_);
  if (!tx) return tx.error();
  TRELLIS_TRY(save_installed_row(db_, r));
  TRELLIS_TRY(store::audit(db_, actor_, "plugin.rollback", id, r.previous_version + " -> " + r.version));
  TRELLIS_TRY(tx->commit());
  return nlohmann::json{{"id", id}, {"version", r.version}, {"previous_version", r.previous_version}};
}

Result<nlohmann::json> PluginAdmin::set_enabled(const std::string& id, bool enabled) {
  const PluginRecord* r = manager_.find(id);
  if (r == nullptr) return make_error(ErrorKind::not_found, "no plugin '" + id + "' is installed");
  if (!enabled) {
    for (const auto& other : manager_.plugins())
      if (other->enabled && other->manifest && other->id != id)
        for (const auto& d : other->manifest->dependencies)
          if (d.id == id)
            return make_error(ErrorKind::conflict, "plugin '" + id + "' cannot be disabled: enabled plugin '" +
                                                       other->id + "' depends on it");
  } else if (r->manifest) {
    TRELLIS_TRY(dependencies_present(*r->manifest));
  }
  auto tx = store::Transaction::begin(db_);
  if (!tx) return tx.error();
  TRELLIS_TRY(set_plugin_enabled(db_, id, r->source, enabled));
  TRELLIS_TRY(store::audit(db_, actor_, enabled ? "plugin.enable" : "plugin.disable", id));
  TRELLIS_TRY(tx->commit());
  return nlohmann::json{{"id", id}, {"enabled", enabled}};
}

Result<nlohmann::json> PluginAdmin::remove(const std::string& id, bool purge) {
  auto row = find_plugin_row(db_, id);
  if (!row) return row.error();
  if (!row->has_value() || (*row)->source != "installed") {
    if (manager_.find(id) != nullptr)
      return make_error(ErrorKind::conflict, "plugin '" + id + "' is bundled with Trellis; disable it instead");
    return make_error(ErrorKind::not_found, "no plugin '" + id + "' is installed");
  }
  for (const auto& other : manager_.plugins())
    if (other->enabled && other->manifest && other->id != id)
      for (const auto& d : other->manifest->dependencies)
        if (d.id == id)
          return make_error(ErrorKind::conflict,
                            "plugin '" + id + "' cannot be removed: enabled plugin '" + other->id + "' depends on it");
  auto tx = store::Transaction::begin(db_);
  if (!tx) return tx.error();
  TRELLIS_TRY(delete_plugin_row(db_, id));
  if (purge) TRELLIS_TRY(purge_plugin_data(db_, id));
  TRELLIS_TRY(store::audit(db_, actor_, "plugin.remove", id, purge ? "with its stored data" : "data kept"));
  TRELLIS_TRY(tx->commit());
  std::error_code ec;
  fs::remove_all(home_.plugins() / id, ec);
  return nlohmann::json{{"id", id}, {"removed", true}, {"purged", purge}};
}

Result<nlohmann::json> PluginAdmin::configure(const std::string& id, const std::map<std::string, std::string>& values) {
  const PluginRecord* r = manager_.find(id);
  if (r == nullptr) return make_error(ErrorKind::not_found, "no plugin '" + id + "' is installed");
  if (!r->manifest) return refused(id, "its plugin.json is unreadable, so its settings are unknown");
  for (const auto& [key, value] : values) {
    const SettingSpec* spec = r->manifest->setting(key);
    if (spec == nullptr) {
      std::string known;
      for (const auto& s : r->manifest->settings) known += (known.empty() ? "" : ", ") + s.name;
      return refused(id, "has no setting '" + key + "' (it declares: " + (known.empty() ? "none" : known) + ")");
    }
    TRELLIS_TRY(check_setting_value(id, *spec, value));
  }
  auto tx = store::Transaction::begin(db_);
  if (!tx) return tx.error();
  nlohmann::json changed = nlohmann::json::object();
  for (const auto& [key, value] : values) {
    TRELLIS_TRY(set_plugin_setting(db_, id, key, value));
    changed[key] = is_secret(*r->manifest, key) ? "********" : value;
    TRELLIS_TRY(store::audit(db_, actor_, "plugin.configure", id, key + "=" + changed[key].get<std::string>()));
  }
  TRELLIS_TRY(tx->commit());
  return nlohmann::json{{"id", id}, {"settings", changed}};
}

Result<nlohmann::json> PluginAdmin::check(const fs::path& source) {
  Staging staging(home_);
  auto folder = plugin_folder(source, staging.path());
  if (!folder) return folder.error();
  auto manifest = read_manifest(folder.value());
  if (!manifest) return manifest.error();
  nlohmann::json out = {{"id", manifest->id}, {"version", manifest->version}};
  if (auto st = check_manifest_against_host(manifest.value(), folder.value()); !st) {
    out["ok"] = false;
    out["reason"] = st.error().message;
    out["problems"] = nlohmann::json::array();
    return out;
  }
  InstallOptions any_signature;
  any_signature.allow_unsigned = true;  // check reports the signature, it does not require one
  auto signer = signature_of(folder.value(), any_signature);
  out["signature"] = !signer ? signer.error().message : signer->empty() ? "unsigned" : "signed by " + signer.value();
  auto report = probe(folder.value());
  if (!report) return report.error();
  for (auto& [k, v] : report->items()) out[k] = v;
  if (!report->value("ok", false) && !report->contains("reason")) out["reason"] = refusal_reason(report.value());
  return out;
}

}  // namespace trellis::plugins
