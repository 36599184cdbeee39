#include "plugins/manager.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <system_error>
#include <thread>

#include "core/log.hpp"
#include "core/semver.hpp"
#include "plugins/plugin_store.hpp"
#include "plugins/probe.hpp"

namespace trellis::plugins {
namespace fs = std::filesystem;

namespace {

// Calls fn(0) .. fn(n-1), the second half on a helper thread when there are
// enough calls to pay for starting one. fn must not throw.
template <typename Fn>
void run_on_two_threads(size_t n, Fn fn) {
  size_t half = n >= 8 ? n / 2 : n;
  std::thread helper;
  if (half < n) {
    try {
      helper = std::thread([&] {
        for (size_t i = half; i < n; ++i) fn(i);
      });
    } catch (const std::system_error&) {
      half = n;  // no thread to be had: do it all here
    }
  }
  for (size_t i = 0; i < half; ++i) fn(i);
  if (helper.joinable()) helper.join();
}

}  // namespace

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
  runtimes_.clear();  // they point into plugins_
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

  // Every candidate folder first, then all their manifests read at once: the
  // reads are independent, and on a start with many plugins they are a large
  // share of the time, so they are split over two threads.
  struct Candidate {
    fs::path folder;
    std::string source;
    std::string id_hint;
    Result<PluginManifest> manifest = make_error(ErrorKind::internal, "not read");
  };
  std::vector<Candidate> candidates;
  for (const auto& [id, row] : known)
    if (row.source == "installed") candidates.push_back({row.folder, "installed", id});
  for (const auto& folder : bundled) candidates.push_back({folder, "bundled", ""});
  run_on_two_threads(candidates.size(), [&](size_t i) {
    try {
      candidates[i].manifest = read_manifest(candidates[i].folder);
    } catch (const std::exception& e) {  // out of memory: refuse this one, keep the host
      candidates[i].manifest = make_error(ErrorKind::internal, candidates[i].folder.string() + ": " + e.what());
    }
  });

  std::set<std::string> seen;
  for (auto& c : candidates) {
    auto rec = std::make_unique<PluginRecord>();
    std::string id = c.id_hint;
    if (c.source == "bundled") id = c.manifest ? c.manifest->id : c.folder.filename().string();
    bool enabled = true;
    if (auto it = known.find(id); it != known.end()) {
      if (c.source == "installed" || it->second.source == "bundled") enabled = it->second.enabled;
      rec->signed_by = it->second.signed_by;
      rec->unsigned_ok = it->second.unsigned_ok;
      rec->previous_version = it->second.previous_version;
    }
    rec->folder = std::move(c.folder);
    rec->source = std::move(c.source);
    rec->enabled = enabled;
    if (c.manifest) {
      rec->id = c.manifest->id;
      rec->manifest = std::move(c.manifest).value();
    } else {
      rec->id = id.empty() ? rec->folder.filename().string() : id;
      rec->state = "refused";
      rec->reason = c.manifest.error().message;
    }
    if (seen.count(rec->id) != 0) continue;  // an installed copy shadows the bundled one
    seen.insert(rec->id);
    plugins_.push_back(std::move(rec));
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
  collect_runtimes();
  return {};
}

void PluginManager::collect_runtimes() {
  runtimes_.clear();
  for (const auto& cap : collect<trellis_runtime_v1>(TRELLIS_CAPABILITY_RUNTIME)) {
    if (!RuntimeCapability::usable(cap.table)) {
      log::warn("plugins", "plugin '" + cap.plugin->id + "' offers an incomplete trellis.runtime/1 table; not used");
      continue;
    }
    if (runtime_for(cap.table->format) != nullptr) {
      log::warn("plugins", "plugin '" + cap.plugin->id + "' also runs format '" + cap.table->format +
                               "'; the runtime of plugin '" + runtime_for(cap.table->format)->plugin_id() +
                               "' is used");
      continue;
    }
    runtimes_.push_back(std::make_unique<RuntimeCapability>(*cap.plugin, *cap.table, cap.state));
  }
}

const RuntimeCapability* PluginManager::runtime_for(std::string_view format) const {
  for (const auto& r : runtimes_)
    if (r->format() == format) return r.get();
  return nullptr;
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
