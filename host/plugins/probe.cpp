#include "plugins/probe.hpp"
#include "core/utf8.hpp"
#include "plugins/plugin_schema.hpp"

#include <signal.h>
#include <string.h>

#include <chrono>
#include <cmath>
#include <future>
#include <set>
#include <thread>

#include "core/paths.hpp"
#include "core/home.hpp"
#include "plugins/abi_strings.hpp"
#include "plugins/child_process.hpp"
#include "plugins/instance.hpp"
#include "plugins/item_validator.hpp"
#include "store/store.hpp"
#include "trellis/connector.h"
#include "trellis/exporter.h"
#include "trellis/importer.h"

namespace trellis::plugins {
namespace fs = std::filesystem;
namespace {

bool known_status(trellis_status s) { return s >= TRELLIS_OK && s <= TRELLIS_ERR_REMOTE; }

struct Recorder {
  nlohmann::json problems = nlohmann::json::array();
  int cases = 0;
  void problem(const std::string& cap, const std::string& c, const std::string& what) {
    nlohmann::json p = {{"capability", cap}, {"case", c}, {"problem", what}};
    for (const auto& seen : problems)
      if (seen == p) return;
    problems.push_back({{"capability", cap}, {"case", c}, {"problem", what}});
  }
};

const std::string kHuge(1u << 20, 'x');
const std::string kBadUtf8("\xff\xfe\xc3\x28 bad \xed\xa0\x80", 12);

struct ItemCollector {
  std::vector<std::string> problems;
  size_t count = 0;
  bool input_was_invalid = false;
};

trellis_status collect_item(void* ctx, const trellis_knowledge_item* l) {
  auto* c = static_cast<ItemCollector*>(ctx);
  ++c->count;
  ItemRules rules;
  rules.check_utf8 = !c->input_was_invalid;  // echoing the host's own bad bytes is not the plugin's fault
  rules.check_sizes = false;                 // the probe's 1 MiB queries may be echoed back
  auto problems = item_problems(l, rules);
  c->problems.insert(c->problems.end(), problems.begin(), problems.end());
  if (l == nullptr || l->struct_size < offsetof(trellis_knowledge_item, author)) return TRELLIS_ERR_INVALID_ARGUMENT;
  return TRELLIS_OK;
}

struct AlreadyCancelled {
  static int32_t yes(void*) { return 1; }
  trellis_cancel token{nullptr, &AlreadyCancelled::yes};
};

// Common checks on one call's outcome: known status, a reason on failure, UTF-8.
void check_outcome(Recorder& rec, const std::string& cap, const std::string& name, trellis_status st,
                   CollectingSink& error, const ItemCollector& items) {
  if (!known_status(st)) rec.problem(cap, name, "returned unknown status " + std::to_string(st));
  if (st != TRELLIS_OK && error.str().empty()) rec.problem(cap, name, "failed without saying why");
  if (!is_valid_utf8(error.str())) rec.problem(cap, name, "error message is not valid UTF-8");
  for (const auto& p : items.problems) rec.problem(cap, name, p);
}

trellis_item_sink sink_for(ItemCollector& items) {
  trellis_item_sink sink{};
  sink.struct_size = sizeof sink;
  sink.ctx = &items;
  sink.add = collect_item;
  return sink;
}

void exercise_connector_search(const trellis_connector_v1* t, void* state, Recorder& rec) {
  const std::string cap = TRELLIS_CAPABILITY_CONNECTOR;
  struct Case {
    std::string name, text;
    uint32_t max;
    bool cancelled;
  };
  const std::vector<Case> cases = {{"ordinary query", "Fire safety", 3, false},
                                   {"empty strings", "", 3, false},
                                   {"huge strings", kHuge, 3, false},
                                   {"invalid UTF-8", kBadUtf8, 3, false},
                                   {"max_results 0", "Fire safety", 0, false},
                                   {"max_results 1", "Fire safety", 1, false},
                                   {"cancelled before the call", "Fire safety", 3, true}};
  for (const auto& c : cases) {
    ++rec.cases;
    trellis_search_query q{};
    q.struct_size = sizeof q;
    q.course_id = to_str(c.text);
    q.module_id = to_str(c.text);
    q.title = to_str(c.text);
    q.description = to_str(c.text);
    q.keywords = to_str(c.text);
    q.language = to_str(c.text.empty() ? "" : "en");
    q.max_results = c.max;
    q.text = to_str(c.text);
    q.objectives = to_str(c.text);
    ItemCollector items;
    items.input_was_invalid = c.text == kBadUtf8;
    trellis_item_sink sink = sink_for(items);
    CollectingSink error(1 << 16);
    AlreadyCancelled cancelled;
    trellis_status st = TRELLIS_OK;
    try {
      st = t->search(state, &q, &sink, c.cancelled ? &cancelled.token : nullptr, error.get());
    } catch (...) {
      rec.problem(cap, c.name, "an exception crossed the ABI boundary");
      continue;
    }
    // The call-level breach first, before the per-item problems it may cause.
    if (items.count > c.max)
      rec.problem(cap, c.name,
                  "returned " + std::to_string(items.count) + " items, more than max_results " + std::to_string(c.max));
    check_outcome(rec, cap, c.name, st, error, items);
    if (c.cancelled && st != TRELLIS_ERR_CANCELLED && st != TRELLIS_OK)
      rec.problem(cap, c.name, "answered a cancelled call with status " + std::to_string(st) + " instead of CANCELLED");
  }
}

// How long a cancelled call may keep running before check calls it a breach.
constexpr auto kCancelAfter = std::chrono::milliseconds(300);
constexpr auto kCancelGrace = std::chrono::seconds(3);

// A search whose token turns cancelled while the call runs. A connector that is
// slow (a remote source) must notice and return; one that does not would hold a
// sync, a suggestion round or the host's shutdown. Runs on its own thread so the
// probe can stop waiting; returns false when the call had to be left running
// (the caller must then never shut the plugin down: its code is still in use).
bool exercise_cancel_during_search(const trellis_connector_v1* t, void* state, Recorder& rec) {
  const std::string cap = TRELLIS_CAPABILITY_CONNECTOR;
  const std::string name = "cancelled during the call";
  ++rec.cases;
  // Shared with the calling thread, which may outlive this function.
  struct Call {
    std::chrono::steady_clock::time_point cancel_at;
    trellis_cancel token{};
    std::string text = "Fire safety";
    trellis_search_query query{};
    ItemCollector items;
    trellis_item_sink sink{};
    CollectingSink error{1 << 16};
    std::promise<trellis_status> done;
    static int32_t cancelled(void* ctx) {
      return std::chrono::steady_clock::now() >= static_cast<Call*>(ctx)->cancel_at ? 1 : 0;
    }
  };
  auto call = std::make_shared<Call>();
  call->token = trellis_cancel{call.get(), &Call::cancelled};
  call->query.struct_size = sizeof call->query;
  call->query.title = call->query.text = call->query.keywords = to_str(call->text);
  call->query.language = to_str("en");
  call->query.max_results = 3;
  call->sink = sink_for(call->items);
  auto finished = call->done.get_future();
  call->cancel_at = std::chrono::steady_clock::now() + kCancelAfter;
  std::thread([call, t, state] {
    trellis_status st = TRELLIS_ERR_INTERNAL;
    try {
      st = t->search(state, &call->query, &call->sink, &call->token, call->error.get());
    } catch (...) {
      st = -1;  // reported below as an exception
    }
    call->done.set_value(st);
  }).detach();
  if (finished.wait_for(kCancelAfter + kCancelGrace) == std::future_status::timeout) {
    rec.problem(cap, name,
                "still running " + std::to_string(kCancelGrace.count()) +
                    " s after its cancel token said cancelled: a long call must poll the token and return CANCELLED");
    return false;
  }
  trellis_status st = finished.get();
  if (st == -1) {
    rec.problem(cap, name, "an exception crossed the ABI boundary");
    return true;
  }
  check_outcome(rec, cap, name, st, call->error, call->items);
  return true;
}

// fetch and sync exist from ABI 1.1 and are optional; exercised only when offered.
void exercise_connector_fetch_sync(const trellis_connector_v1* t, void* state, Recorder& rec) {
  const std::string cap = TRELLIS_CAPABILITY_CONNECTOR;
  if (!TRELLIS_HAS_FIELD(t, trellis_connector_v1, post)) return;
  if (t->fetch != nullptr) {
    for (const std::string& ref : {std::string("no-such-item"), std::string(), kBadUtf8, kHuge}) {
      ++rec.cases;
      std::string name = "fetch of " + std::string(ref.empty() ? "an empty ref" : ref == kHuge ? "a huge ref" : ref == kBadUtf8 ? "an invalid UTF-8 ref" : "an unknown ref");
      ItemCollector items;
      items.input_was_invalid = ref == kBadUtf8;
      trellis_item_sink sink = sink_for(items);
      CollectingSink error(1 << 16);
      trellis_status st = TRELLIS_OK;
      try {
        st = t->fetch(state, to_str(ref), &sink, nullptr, error.get());
      } catch (...) {
        rec.problem(cap, name, "an exception crossed the ABI boundary");
        continue;
      }
      check_outcome(rec, cap, name, st, error, items);
      if (st == TRELLIS_OK && items.count > 1) rec.problem(cap, name, "fetch sent more than one item");
    }
  }
  if (t->sync != nullptr) {
    struct SyncCase {
      std::string name, cursor;
      bool cancelled;
    };
    for (const auto& c : {SyncCase{"sync from the start", "", false}, SyncCase{"sync from a junk cursor", kBadUtf8, false},
                          SyncCase{"sync cancelled before the call", "", true}}) {
      ++rec.cases;
      ItemCollector items;
      trellis_item_sink sink = sink_for(items);
      CollectingSink next(1 << 20), error(1 << 16);
      AlreadyCancelled cancelled;
      trellis_status st = TRELLIS_OK;
      try {
        st = t->sync(state, to_str(c.cursor), &sink, next.get(), c.cancelled ? &cancelled.token : nullptr, error.get());
      } catch (...) {
        rec.problem(cap, c.name, "an exception crossed the ABI boundary");
        continue;
      }
      check_outcome(rec, cap, c.name, st, error, items);
      if (c.cancelled && st != TRELLIS_ERR_CANCELLED && st != TRELLIS_OK)
        rec.problem(cap, c.name, "answered a cancelled call with status " + std::to_string(st) + " instead of CANCELLED");
      if (!is_valid_utf8(next.str())) rec.problem(cap, c.name, "the next cursor is not valid UTF-8");
    }
  }
}

// Returns false when a call had to be left running (see exercise_cancel_during_search).
bool exercise_connector(const trellis_connector_v1* t, void* state, Recorder& rec) {
  if (!is_valid_utf8(t->source_name)) rec.problem(TRELLIS_CAPABILITY_CONNECTOR, "source_name", "source_name is not valid UTF-8");
  exercise_connector_search(t, state, rec);
  if (!exercise_cancel_during_search(t, state, rec)) return false;
  exercise_connector_fetch_sync(t, state, rec);
  return true;
}

struct FakePackage {
  std::vector<std::pair<std::string, std::string>> files;
  static size_t count(void* ctx) { return static_cast<FakePackage*>(ctx)->files.size(); }
  static trellis_status at(void* ctx, size_t i, trellis_package_entry* out) {
    auto* p = static_cast<FakePackage*>(ctx);
    if (out == nullptr || i >= p->files.size()) return TRELLIS_ERR_INVALID_ARGUMENT;
    out->struct_size = sizeof *out;
    out->path = to_str(p->files[i].first);
    out->uncompressed_size = p->files[i].second.size();
    return TRELLIS_OK;
  }
  static trellis_status read(void* ctx, trellis_str path, const trellis_sink* sink) {
    for (const auto& [name, data] : static_cast<FakePackage*>(ctx)->files)
      if (name == to_view(path)) return sink->write(sink->ctx, to_str(data));
    return TRELLIS_ERR_NOT_FOUND;
  }
  static int32_t exists(void* ctx, trellis_str path) {
    for (const auto& f : static_cast<FakePackage*>(ctx)->files)
      if (f.first == to_view(path)) return 1;
    return 0;
  }
};

struct ImportSeen {
  int errors = 0, course_calls = 0;
  std::vector<std::string> problems;
};

void exercise_importer(const trellis_importer_v1* t, void* state, Recorder& rec) {
  const std::string cap = TRELLIS_CAPABILITY_IMPORTER;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919) & 0xff));
  const std::vector<std::pair<std::string, FakePackage>> cases = {
      {"empty package", FakePackage{}},
      {"garbage package", FakePackage{{{"imsmanifest.xml", garbage}, {"cmi5.xml", garbage}, {"tincan.xml", garbage},
                                       {kBadUtf8, garbage}}}}};
  for (const auto& [name, pkg_data] : cases) {
    ++rec.cases;
    FakePackage pkg = pkg_data;
    trellis_package p{};
    p.struct_size = sizeof p;
    p.ctx = &pkg;
    p.display_name = to_str(name);
    p.entry_count = FakePackage::count;
    p.entry_at = FakePackage::at;
    p.read = FakePackage::read;
    p.exists = FakePackage::exists;
    CollectingSink what(1 << 16);
    try {
      int32_t score = t->detect(state, &p, what.get());
      if (score < 0 || score > 100) rec.problem(cap, name, "detect returned " + std::to_string(score) + ", not 0..100");
      ImportSeen seen;
      trellis_import_report report{};
      report.struct_size = sizeof report;
      report.ctx = &seen;
      report.diagnostic = [](void* ctx, const trellis_diagnostic* d) {
        auto* s = static_cast<ImportSeen*>(ctx);
        if (d == nullptr) return s->problems.push_back("reported a null diagnostic");
        if (d->severity == TRELLIS_SEVERITY_ERROR) ++s->errors;
        if (!is_valid_utf8(to_view(d->message)) || !is_valid_utf8(to_view(d->code)))
          s->problems.push_back("a diagnostic holds invalid UTF-8");
      };
      report.set_course = [](void* ctx, trellis_str json) -> trellis_status {
        auto* s = static_cast<ImportSeen*>(ctx);
        if (++s->course_calls > 1) s->problems.push_back("set_course called more than once");
        if (nlohmann::json::parse(to_view(json), nullptr, false).is_discarded())
          s->problems.push_back("set_course handed text that is not JSON");
        return TRELLIS_OK;
      };
      trellis_import_options opts{};
      opts.struct_size = sizeof opts;
      opts.validate_only = 1;
      trellis_status st = t->import_package(state, &p, &opts, &report, nullptr);
      if (!known_status(st)) rec.problem(cap, name, "returned unknown status " + std::to_string(st));
      if (st == TRELLIS_OK && seen.errors == 0)
        rec.problem(cap, name, "accepted a package that is not one (no error diagnostic)");
      for (const auto& pr : seen.problems) rec.problem(cap, name, pr);
    } catch (...) {
      rec.problem(cap, name, "an exception crossed the ABI boundary");
    }
  }
}

void exercise_exporter(const trellis_exporter_v1* t, void* state, Recorder& rec) {
  const std::string cap = TRELLIS_CAPABILITY_EXPORTER;
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"empty batch", {}}, {"malformed statement JSON", {"{not json", "", kBadUtf8, "[]"}}};
  for (const auto& [name, statements] : cases) {
    ++rec.cases;
    CollectingSink output(8u << 20), error(1 << 16);
    trellis_export_options opts{};
    opts.struct_size = sizeof opts;
    opts.output = output.get();
    void* session = nullptr;
    try {
      trellis_status st = t->open(state, &opts, &session, error.get());
      if (!known_status(st)) rec.problem(cap, name, "open returned unknown status " + std::to_string(st));
      if (st != TRELLIS_OK) continue;
      std::vector<trellis_record> records;
      for (size_t i = 0; i < statements.size(); ++i) {
        trellis_record r{};
        r.struct_size = sizeof r;
        r.statement_id = to_str("00000000-0000-4000-8000-00000000000" + std::to_string(i));
        r.statement_json = to_str(statements[i]);
        r.stored = to_str("2026-01-01T00:00:00Z");
        records.push_back(r);
      }
      // Strings above are temporaries for ids; keep them alive.
      std::vector<std::string> ids;
      for (size_t i = 0; i < records.size(); ++i) ids.push_back("00000000-0000-4000-8000-00000000000" + std::to_string(i));
      for (size_t i = 0; i < records.size(); ++i) records[i].statement_id = to_str(ids[i]);
      struct Outcomes {
        size_t count;
        std::vector<std::string> problems;
      } seen{records.size(), {}};
      trellis_record_outcome_sink outcomes{};
      outcomes.struct_size = sizeof outcomes;
      outcomes.ctx = &seen;
      outcomes.outcome = [](void* ctx, size_t index, trellis_status s, trellis_str) {
        auto* o = static_cast<Outcomes*>(ctx);
        if (index >= o->count) o->problems.push_back("reported an outcome for record " + std::to_string(index) + " of " + std::to_string(o->count));
        if (!known_status(s)) o->problems.push_back("reported unknown status " + std::to_string(s));
      };
      st = t->write_batch(session, records.data(), records.size(), &outcomes, nullptr, error.get());
      if (!known_status(st)) rec.problem(cap, name, "write_batch returned unknown status " + std::to_string(st));
      for (const auto& p : seen.problems) rec.problem(cap, name, p);
      st = t->close(session, error.get());
      if (!known_status(st)) rec.problem(cap, name, "close returned unknown status " + std::to_string(st));
    } catch (...) {
      rec.problem(cap, name, "an exception crossed the ABI boundary");
    }
  }
}

}  // namespace

nlohmann::json probe_here(const fs::path& folder) {
  nlohmann::json report = {{"folder", folder.string()}, {"loaded", false}, {"cases", 0},
                           {"problems", nlohmann::json::array()}};
  auto manifest = read_manifest(folder);
  if (!manifest) {
    report["reason"] = manifest.error().message;
    report["ok"] = false;
    return report;
  }
  report["id"] = manifest->id;
  report["version"] = manifest->version;
  report["capabilities"] = manifest->capabilities;
  // A scratch home: what the plugin stores while being exercised must not land in
  // the admin's database.
  auto scratch = fs::temp_directory_path() / ("trellis-probe-" + std::to_string(getpid()));
  std::error_code ec;
  fs::remove_all(scratch, ec);
  {
    auto home = Home::open(scratch);
    auto db = home ? store::open_home_database(home.value(), {store::host_schema(), store::plugins_schema()}) : Result<store::Database>(home.error());
    if (!db) {
      report["reason"] = db.error().message;
      report["ok"] = false;
      return report;
    }
    // On the heap: left behind with the plugin when a call cannot be stopped.
    struct ProbeHost {
      store::DatabasePool pool;
      std::atomic<bool> stopping{false};
    };
    std::unique_ptr<ProbeHost> host(new ProbeHost{store::DatabasePool(home->database())});
    auto inst = PluginInstance::load(folder, manifest.value(), host->pool, host->stopping);
    if (!inst) {
      report["reason"] = inst.error().message;
    } else {
      report["loaded"] = true;
      Recorder rec;
      auto* p = inst.value().get();
      bool still_running = false;
      for (const auto& cap : manifest->capabilities) {
        if (still_running) break;
        const void* table = p->capability(cap);
        if (cap == TRELLIS_CAPABILITY_CONNECTOR)
          still_running = !exercise_connector(static_cast<const trellis_connector_v1*>(table), p->state(), rec);
        else if (cap == TRELLIS_CAPABILITY_IMPORTER)
          exercise_importer(static_cast<const trellis_importer_v1*>(table), p->state(), rec);
        else if (cap == TRELLIS_CAPABILITY_EXPORTER)
          exercise_exporter(static_cast<const trellis_exporter_v1*>(table), p->state(), rec);
      }
      report["cases"] = rec.cases;
      report["problems"] = rec.problems;
      // A call still runs inside the plugin: shutting it down (or unloading the
      // scratch home under it) could crash this process before the report is
      // out, so the instance is left as it is; the probe process ends right after.
      if (still_running) {
        (void)inst.value().release();
        (void)host.release();
        report["ok"] = false;
        report["call_still_running"] = true;
        return report;
      }
    }
  }
  fs::remove_all(scratch, ec);
  report["ok"] = report["loaded"].get<bool>() && report["problems"].empty();
  return report;
}

Result<nlohmann::json> probe_in_child(const fs::path& exe, const fs::path& folder) {
  auto outcome = run_child({exe.string(), "plugin", "probe", fs::absolute(folder).string()}, 60);
  if (!outcome) return outcome.error();
  auto manifest = read_manifest(folder);
  std::string who = manifest ? manifest->id : folder.filename().string();
  auto report = nlohmann::json::parse(outcome->out, nullptr, false);
  if (outcome->signal != 0 || outcome->timed_out || report.is_discarded() || !report.is_object()) {
    // A sanitizer build turns a crash into an exit code, hence both branches.
    std::string why = outcome->timed_out ? "did not finish loading within 60 s"
                      : outcome->signal != 0
                          ? std::string("crashed while loading (signal ") + std::to_string(outcome->signal) + ", " +
                                strsignal(outcome->signal) + ")"
                          : "crashed while loading (exit " + std::to_string(outcome->exit_code) + ", no report)";
    return nlohmann::json{{"id", who}, {"folder", folder.string()}, {"loaded", false}, {"ok", false},
                          {"reason", "plugin '" + who + "': " + why}, {"problems", nlohmann::json::array()}};
  }
  return report;
}

std::string refusal_reason(const nlohmann::json& report) {
  if (report.value("reason", std::string()).size() > 0) return report["reason"].get<std::string>();
  std::string id = report.value("id", std::string("?"));
  std::string out = "plugin '" + id + "': broke its contract: ";
  // One broken rule usually shows in several cases (every query returns the
  // same junk): name each distinct problem once, at the first case it showed in,
  // so the one-line reason covers every rule rather than repeats of the first.
  std::set<std::string> named;
  size_t shown = 0, hidden = 0;
  for (const auto& p : report["problems"]) {
    std::string problem = p.value("problem", std::string());
    if (!named.insert(problem).second) continue;
    if (shown == 5) {
      ++hidden;
      continue;
    }
    out += (shown++ > 0 ? "; " : "") + p.value("capability", std::string()) + " (" + p.value("case", std::string()) +
           ") " + problem;
  }
  if (hidden > 0) out += "; and " + std::to_string(hidden) + " more (see `trellis plugin check`)";
  return out;
}

fs::path probe_executable() {
  std::error_code ec;
  auto self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && self.filename() == "trellis") return self;
  for (auto candidate : {paths::executable_dir() / "trellis", paths::executable_dir() / ".." / "bin" / "trellis"})
    if (fs::is_regular_file(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  return {};
}

}  // namespace trellis::plugins
