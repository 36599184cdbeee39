#include "plugins/probe.hpp"
#include "core/utf8.hpp"
#include "json/bounded_parse.hpp"
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
#include "trellis/testing/connector_run.hpp"
#include "trellis/testing/export_run.hpp"
#include "trellis/testing/import_run.hpp"

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
constexpr size_t kErrorCap = 1 << 16;

// What the probe's item sink (the SDK test host's, unlimited) checks on each
// raw item: the host's item rules; an item older than ABI 1.1 is refused.
testing::CallOptions checked_call(std::vector<std::string>& problems, bool input_was_invalid,
                                  const trellis_cancel* cancel) {
  testing::CallOptions options;
  options.cancel = cancel;
  options.error_cap = kErrorCap;
  options.cursor_cap = 1 << 20;
  options.check = [&problems, input_was_invalid](const trellis_knowledge_item* l) -> trellis_status {
    ItemRules rules;
    rules.check_utf8 = !input_was_invalid;  // echoing the host's own bad bytes is not the plugin's fault
    rules.check_sizes = false;              // the probe's 1 MiB queries may be echoed back
    auto found = item_problems(l, rules);
    problems.insert(problems.end(), found.begin(), found.end());
    if (l == nullptr || l->struct_size < offsetof(trellis_knowledge_item, author)) return TRELLIS_ERR_INVALID_ARGUMENT;
    return TRELLIS_OK;
  };
  return options;
}

struct AlreadyCancelled {
  static int32_t yes(void*) { return 1; }
  trellis_cancel token{nullptr, &AlreadyCancelled::yes};
};

// Common checks on one call's outcome: known status, a reason on failure, UTF-8.
// False when an exception crossed the boundary (reported; nothing else is checked).
bool check_outcome(Recorder& rec, const std::string& cap, const std::string& name, const testing::ConnectorRun& run,
                   const std::vector<std::string>& item_problems) {
  if (run.threw) {
    rec.problem(cap, name, "an exception crossed the ABI boundary");
    return false;
  }
  if (!known_status(run.status)) rec.problem(cap, name, "returned unknown status " + std::to_string(run.status));
  if (run.status != TRELLIS_OK && run.error.empty()) rec.problem(cap, name, "failed without saying why");
  if (!is_valid_utf8(run.error)) rec.problem(cap, name, "error message is not valid UTF-8");
  for (const auto& p : item_problems) rec.problem(cap, name, p);
  return true;
}

void check_cancelled(Recorder& rec, const std::string& cap, const std::string& name, trellis_status st) {
  if (st != TRELLIS_ERR_CANCELLED && st != TRELLIS_OK)
    rec.problem(cap, name, "answered a cancelled call with status " + std::to_string(st) + " instead of CANCELLED");
}

testing::TestQuery query_of(const std::string& text, uint32_t max) {
  testing::TestQuery q;
  q.course_id = q.module_id = q.title = q.description = q.keywords = q.text = q.objectives = text;
  q.language = text.empty() ? "" : "en";
  q.max_results = max;
  return q;
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
    std::vector<std::string> item_problems;
    AlreadyCancelled cancelled;
    auto options = checked_call(item_problems, c.text == kBadUtf8, c.cancelled ? &cancelled.token : nullptr);
    auto run = testing::search_with(t, state, query_of(c.text, c.max), options);
    if (run.threw) {
      rec.problem(cap, c.name, "an exception crossed the ABI boundary");
      continue;
    }
    // The call-level breach first, before the per-item problems it may cause.
    if (run.offered > c.max)
      rec.problem(cap, c.name,
                  "returned " + std::to_string(run.offered) + " items, more than max_results " + std::to_string(c.max));
    check_outcome(rec, cap, c.name, run, item_problems);
    if (c.cancelled) check_cancelled(rec, cap, c.name, run.status);
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
    testing::TestQuery query;
    std::vector<std::string> item_problems;
    std::promise<testing::ConnectorRun> done;
    static int32_t cancelled(void* ctx) {
      return std::chrono::steady_clock::now() >= static_cast<Call*>(ctx)->cancel_at ? 1 : 0;
    }
  };
  auto call = std::make_shared<Call>();
  call->token = trellis_cancel{call.get(), &Call::cancelled};
  call->query.title = call->query.text = call->query.keywords = "Fire safety";
  call->query.language = "en";
  call->query.max_results = 3;
  auto finished = call->done.get_future();
  call->cancel_at = std::chrono::steady_clock::now() + kCancelAfter;
  std::thread([call, t, state] {
    auto options = checked_call(call->item_problems, false, &call->token);
    call->done.set_value(testing::search_with(t, state, call->query, options));
  }).detach();
  if (finished.wait_for(kCancelAfter + kCancelGrace) == std::future_status::timeout) {
    rec.problem(cap, name,
                "still running " + std::to_string(kCancelGrace.count()) +
                    " s after its cancel token said cancelled: a long call must poll the token and return CANCELLED");
    return false;
  }
  check_outcome(rec, cap, name, finished.get(), call->item_problems);
  return true;
}

std::string fetch_case_name(const std::string& ref) {
  return "fetch of " + std::string(ref.empty()      ? "an empty ref"
                                   : ref == kHuge    ? "a huge ref"
                                   : ref == kBadUtf8 ? "an invalid UTF-8 ref"
                                                     : "an unknown ref");
}

// fetch and sync exist from ABI 1.1 and are optional; exercised only when offered.
void exercise_connector_fetch_sync(const trellis_connector_v1* t, void* state, Recorder& rec) {
  const std::string cap = TRELLIS_CAPABILITY_CONNECTOR;
  if (!TRELLIS_HAS_FIELD(t, trellis_connector_v1, post)) return;
  if (t->fetch != nullptr) {
    for (const std::string& ref : {std::string("no-such-item"), std::string(), kBadUtf8, kHuge}) {
      ++rec.cases;
      std::string name = fetch_case_name(ref);
      std::vector<std::string> item_problems;
      auto run = testing::fetch_with(t, state, ref, checked_call(item_problems, ref == kBadUtf8, nullptr));
      if (!check_outcome(rec, cap, name, run, item_problems)) continue;
      if (run.status == TRELLIS_OK && run.offered > 1) rec.problem(cap, name, "fetch sent more than one item");
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
      std::vector<std::string> item_problems;
      AlreadyCancelled cancelled;
      auto run = testing::sync_with(t, state, c.cursor,
                                    checked_call(item_problems, false, c.cancelled ? &cancelled.token : nullptr));
      if (!check_outcome(rec, cap, c.name, run, item_problems)) continue;
      if (c.cancelled) check_cancelled(rec, cap, c.name, run.status);
      if (!is_valid_utf8(run.next_cursor)) rec.problem(cap, c.name, "the next cursor is not valid UTF-8");
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

void exercise_importer(const trellis_importer_v1* t, void* state, Recorder& rec) {
  const std::string cap = TRELLIS_CAPABILITY_IMPORTER;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919) & 0xff));
  const std::vector<std::pair<std::string, testing::MemoryPackage>> cases = {
      {"empty package", testing::MemoryPackage({}, "empty package")},
      {"garbage package", testing::MemoryPackage({{"imsmanifest.xml", garbage}, {"cmi5.xml", garbage},
                                                  {"tincan.xml", garbage}, {kBadUtf8, garbage}},
                                                 "garbage package")}};
  for (const auto& [name, package] : cases) {
    ++rec.cases;
    auto detection = testing::detect_with(t, state, package);
    if (detection.threw) {
      rec.problem(cap, name, "an exception crossed the ABI boundary");
      continue;
    }
    if (detection.confidence < 0 || detection.confidence > 100)
      rec.problem(cap, name, "detect returned " + std::to_string(detection.confidence) + ", not 0..100");
    std::vector<std::string> problems;
    int course_calls = 0;
    testing::ImportRequest request;
    request.validate_only = true;
    request.parse_course = false;
    request.on_diagnostic = [&problems](const trellis_diagnostic* d) {
      if (d == nullptr) return problems.push_back("reported a null diagnostic");
      if (!is_valid_utf8(to_view(d->message)) || !is_valid_utf8(to_view(d->code)))
        problems.push_back("a diagnostic holds invalid UTF-8");
    };
    request.on_set_course = [&problems, &course_calls](std::string_view json) {
      if (++course_calls > 1) problems.push_back("set_course called more than once");
      if (parse_json_or_discarded(json, kStoredJson).is_discarded())
        problems.push_back("set_course handed text that is not JSON");
    };
    auto outcome = testing::import_with(t, state, package, request);
    if (outcome.threw) {
      rec.problem(cap, name, "an exception crossed the ABI boundary");
      continue;
    }
    if (!known_status(outcome.status)) rec.problem(cap, name, "returned unknown status " + std::to_string(outcome.status));
    if (outcome.status == TRELLIS_OK && outcome.errors() == 0)
      rec.problem(cap, name, "accepted a package that is not one (no error diagnostic)");
    for (const auto& pr : problems) rec.problem(cap, name, pr);
  }
}

std::vector<testing::TestRecord> malformed_records() {
  std::vector<testing::TestRecord> records;
  for (const std::string& json : {std::string("{not json"), std::string(), kBadUtf8, std::string("[]")})
    records.push_back({"00000000-0000-4000-8000-00000000000" + std::to_string(records.size()), json,
                       "2026-01-01T00:00:00Z"});
  return records;
}

void exercise_exporter(const trellis_exporter_v1* t, void* state, Recorder& rec) {
  const std::string cap = TRELLIS_CAPABILITY_EXPORTER;
  const std::vector<std::pair<std::string, std::vector<testing::TestRecord>>> cases = {
      {"empty batch", {}}, {"malformed statement JSON", malformed_records()}};
  for (const auto& [name, records] : cases) {
    ++rec.cases;
    testing::ExportRequest request;
    request.batch_size = records.size();
    request.empty_batch = true;
    request.output_cap = 8u << 20;
    request.error_cap = kErrorCap;
    auto run = testing::export_with(t, state, records, request);
    auto threw_in = [&](const char* step) {
      if (run.threw_in != step) return false;
      rec.problem(cap, name, "an exception crossed the ABI boundary");
      return true;
    };
    if (threw_in("open")) continue;
    if (!known_status(run.open_status)) rec.problem(cap, name, "open returned unknown status " + std::to_string(run.open_status));
    if (run.open_status != TRELLIS_OK || threw_in("write_batch")) continue;
    if (!known_status(run.write_status))
      rec.problem(cap, name, "write_batch returned unknown status " + std::to_string(run.write_status));
    for (const auto& r : run.reports) {
      if (r.index >= r.batch_size)
        rec.problem(cap, name,
                    "reported an outcome for record " + std::to_string(r.index) + " of " + std::to_string(r.batch_size));
      if (!known_status(r.status)) rec.problem(cap, name, "reported unknown status " + std::to_string(r.status));
    }
    if (threw_in("close")) continue;
    if (!known_status(run.close_status)) rec.problem(cap, name, "close returned unknown status " + std::to_string(run.close_status));
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
  auto report = parse_json_or_discarded(outcome->out, kStoredJson);
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
