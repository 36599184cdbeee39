#include "plugins/manager.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/log.hpp"
#include "core/semver.hpp"
#include "plugins/plugin_store.hpp"
#include "plugins/probe.hpp"

namespace trellis::plugins {
namespace fs = std::filesystem;

PluginManager::PluginManager(const Home& home, store::DatabasePool& pool, fs::path bundled_dir)
    : home_(home), pool_(pool), bundled_dir_(std::move(bundled_dir)) {}

PluginManager::~PluginManager() {
  shutting_down_ = true;
  // Dependents were loaded after their dependencies; shut down in reverse.
  for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) (*it)->instance.reset();
}

const PluginRecord* PluginManager::find(std::string_view id) const {
  for (const auto& p : plugins_)
    if (p->id == id) return p.get();
  return nullptr;
}

Status PluginManager::record_status(const PluginRecord& r) {
  auto db = pool_.acquire();
  if (!db) return db.error();
  auto st = (*db)->prepare(
      "INSERT INTO plugins(id, source, folder, version, enabled, status, status_reason) VALUES(?1,?2,?3,?4,?5,?6,?7) "
      "ON CONFLICT(id) DO UPDATE SET status = excluded.status, status_reason = excluded.status_reason, "
      "folder = CASE WHEN plugins.source = 'bundled' THEN excluded.folder ELSE plugins.folder END, "
      "version = CASE WHEN plugins.source = 'bundled' THEN excluded.version ELSE plugins.version END, "
      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')");
  if (!st) return st.error();
  st->bind(1, r.id)
      .bind(2, r.source)
      .bind(3, r.folder.string())
      .bind(4, r.manifest ? r.manifest->version : std::string("?"))
      .bind(5, r.enabled ? 1 : 0)
      .bind(6, r.state)
      .bind(7, r.reason);
  return st->run();
}

Status PluginManager::record_probed(const PluginRecord& r) {
  TRELLIS_TRY(record_status(r));
  auto db = pool_.acquire();
  if (!db) return db.error();
  return set_probed(**db, r.id, r.manifest->sha256);
}

Status PluginManager::load_all() {
  plugins_.clear();
  std::map<std::string, PluginRow> known;
  {
    auto db = pool_.acquire();
    if (!db) return db.error();
    auto rows = list_plugin_rows(**db);
    if (!rows) return rows.error();
    for (auto& row : rows.value()) known[row.id] = std::move(row);
  }

  // Bundled plugins: every folder with a plugin.json; enabled unless the admin disabled it.
  std::error_code ec;
  std::vector<fs::path> bundled;
  if (fs::is_directory(bundled_dir_, ec))
    for (const auto& entry : fs::directory_iterator(bundled_dir_, ec))
      if (entry.is_directory() && fs::exists(entry.path() / "plugin.json")) bundled.push_back(entry.path());
  std::sort(bundled.begin(), bundled.end());

  std::set<std::string> seen;
  auto add = [&](fs::path folder, std::string source, bool enabled, std::string id_hint) {
    auto rec = std::make_unique<PluginRecord>();
    if (auto it = known.find(id_hint); it != known.end()) {
      rec->signed_by = it->second.signed_by;
      rec->unsigned_ok = it->second.unsigned_ok;
      rec->previous_version = it->second.previous_version;
    }
    rec->folder = std::move(folder);
    rec->source = std::move(source);
    rec->enabled = enabled;
    auto manifest = read_manifest(rec->folder);
    if (manifest) {
      rec->id = manifest->id;
      rec->manifest = std::move(manifest).value();
    } else {
      rec->id = id_hint.empty() ? rec->folder.filename().string() : id_hint;
      rec->state = "refused";
      rec->reason = manifest.error().message;
    }
    if (seen.count(rec->id) != 0) return;  // an installed copy shadows the bundled one
    seen.insert(rec->id);
    plugins_.push_back(std::move(rec));
  };
  for (const auto& [id, row] : known)
    if (row.source == "installed") add(row.folder, "installed", row.enabled, id);
  for (const auto& folder : bundled) {
    auto manifest_id = read_manifest(folder);
    std::string id = manifest_id ? manifest_id->id : folder.filename().string();
    bool enabled = true;
    if (auto it = known.find(id); it != known.end() && it->second.source == "bundled") enabled = it->second.enabled;
    add(folder, "bundled", enabled, id);
  }

  // Load in dependency order; a plugin whose dependency is not loaded is refused.
  std::set<std::string> done;
  bool progress = true;
  while (progress) {
    progress = false;
    for (auto& rec : plugins_) {
      if (done.count(rec->id) != 0) continue;
      if (!rec->state.empty()) {  // already refused (unreadable manifest)
        done.insert(rec->id);
        progress = true;
        continue;
      }
      if (!rec->enabled) {
        rec->state = "disabled";
        done.insert(rec->id);
        progress = true;
        continue;
      }
      bool waiting = false;
      std::vector<std::string> missing;
      for (const auto& dep : rec->manifest->dependencies) {
        const PluginRecord* other = find(dep.id);
        if (other == nullptr || !other->manifest) {
          missing.push_back(dep.id + " " + dep.version_range + " (not installed)");
          continue;
        }
        if (done.count(dep.id) == 0) {
          waiting = true;
          continue;
        }
        auto v = parse_semver(other->manifest->version);
        auto fits = v ? satisfies(v.value(), dep.version_range) : Result<bool>(false);
        if (other->state != "loaded")
          missing.push_back(dep.id + " (" + other->state + ")");
        else if (!fits || !fits.value())
          missing.push_back(dep.id + " " + dep.version_range + " (installed: " + other->manifest->version + ")");
      }
      if (waiting && missing.empty()) continue;
      done.insert(rec->id);
      progress = true;
      if (!missing.empty()) {
        rec->state = "refused";
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        rec->reason = "plugin '" + rec->id + "': missing dependencies: " + list;
        continue;
      }
      if (prober_) {
        // A library not yet proven in a child process is proven there first, so
        // one that crashes or breaks its contract never runs in this process.
        auto row = known.find(rec->id);
        bool proven = row != known.end() && row->second.probed_sha256 == rec->manifest->sha256;
        if (!proven) {
          if (auto st = check_manifest_against_host(*rec->manifest, rec->folder); !st) {
            rec->state = "refused";
            rec->reason = st.error().message;
            continue;
          }
          auto report = prober_(rec->folder);
          if (!report) return report.error();
          if (!report->value("ok", false)) {
            rec->state = "refused";
            rec->reason = refusal_reason(report.value());
            continue;
          }
          rec->state = "probed";  // recorded below once loaded
        }
      }
      auto inst = PluginInstance::load(rec->folder, *rec->manifest, pool_, shutting_down_);
      if (inst) {
        bool newly_probed = rec->state == "probed";
        rec->instance = std::move(inst).value();
        rec->state = "loaded";
        if (newly_probed) TRELLIS_TRY(record_probed(*rec));
      } else {
        rec->state = "refused";
        rec->reason = inst.error().message;
      }
    }
  }
  for (auto& rec : plugins_) {
    if (rec->state.empty()) {
      rec->state = "refused";
      rec->reason = "plugin '" + rec->id + "': dependency cycle";
    }
    if (rec->state == "refused") log::warn("plugins", rec->reason);
    // Only changes are written: each write is a commit, and a start with nothing
    // new should cost no disk syncs.
    auto row = known.find(rec->id);
    std::string version = rec->manifest ? rec->manifest->version : std::string("?");
    bool unchanged = row != known.end() && row->second.status == rec->state && row->second.status_reason == rec->reason &&
                     (row->second.source == "installed" ||
                      (row->second.folder == rec->folder.string() && row->second.version == version));
    if (!unchanged) TRELLIS_TRY(record_status(*rec));
  }
  return {};
}

template <typename Table>
std::vector<Capability<Table>> PluginManager::collect(const char* capability_id) const {
  std::vector<Capability<Table>> out;
  for (const auto& p : plugins_) {
    if (!p->instance) continue;
    if (const void* t = p->instance->capability(capability_id))
      out.push_back({p.get(), static_cast<const Table*>(t), p->instance->state()});
  }
  return out;
}

std::vector<Capability<trellis_importer_v1>> PluginManager::importers() const {
  return collect<trellis_importer_v1>(TRELLIS_CAPABILITY_IMPORTER);
}
std::vector<Capability<trellis_connector_v1>> PluginManager::connectors() const {
  return collect<trellis_connector_v1>(TRELLIS_CAPABILITY_CONNECTOR);
}
std::vector<Capability<trellis_exporter_v1>> PluginManager::exporters() const {
  return collect<trellis_exporter_v1>(TRELLIS_CAPABILITY_EXPORTER);
}

}  // namespace trellis::plugins
