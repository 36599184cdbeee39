// The connector driver and sync against real plugins loaded from shared
// libraries (tests/plugins/json-connector): deadlines, cancellation, junk,
// all-or-nothing syncs.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>

#include "app/runtime.hpp"

#include <nlohmann/json.hpp>
#include "connector_test_support.hpp"
#include "knowledge/connector_driver.hpp"
#include "knowledge/connector_state_store.hpp"
#include "knowledge/connector_sync.hpp"
#include "knowledge/index_store.hpp"

using namespace trellis;
using namespace trellis::knowledge_testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

const json kItems = json::array(
    {{{"kind", "discussion"}, {"url", "https://forum.example/t/1"}, {"title", "Cultural differences in meetings"},
      {"ref", "t1"}, {"body", "How feedback lands differently across offices."}, {"tags", "culture"}},
     {{"kind", "expert"}, {"url", "mailto:ana@example.org"}, {"title", "Ana Ruiz"}, {"ref", "ana"},
      {"tags", "cultural awareness,feedback"}}});

struct Fixture {
  testing::TempDir dir;
  fs::path plugins = plugin_folder(dir / "plugins", {"kb-test-a", "kb-test-b", "kb-test-c"});
  fs::path home = dir / "home";
  std::unique_ptr<Runtime> runtime;

  Fixture() { write_items(dir / "items.json", kItems); }
  // Opens the runtime in-process with the plugins configured so far.
  std::vector<knowledge::ConnectorRef> connectors() {
    setenv("TRELLIS_PLUGIN_PATH", plugins.c_str(), 1);
    auto rt = Runtime::open(home);
    REQUIRE(rt.ok());
    runtime = std::move(rt).value();
    auto manager = runtime->plugins();
    REQUIRE(manager.ok());
    return manager.value()->connectors();
  }
  const knowledge::ConnectorRef& find(const std::vector<knowledge::ConnectorRef>& all, const std::string& id) {
    for (const auto& c : all)
      if (c.plugin->id == id) return c;
    FAIL("no connector " << id);
    return all.front();
  }
};

knowledge::DriverOptions options(int deadline_ms) {
  knowledge::DriverOptions o;
  o.deadline = std::chrono::milliseconds(deadline_ms);
  o.sync_deadline = std::chrono::milliseconds(deadline_ms);
  return o;
}

}  // namespace

TEST_CASE("driver: a slow connector that ignores cancel is abandoned at the deadline while the others answer",
          "[knowledge][connector]") {
  Fixture f;
  configure(f.home, f.plugins, "kb-test-a", {"items_file=" + (f.dir / "items.json").string()});
  configure(f.home, f.plugins, "kb-test-b", {"items_file=" + (f.dir / "items.json").string(), "delay_ms=3000",
                                             "honour_cancel=false"});
  configure(f.home, f.plugins, "kb-test-c", {"items_file=" + (f.dir / "items.json").string(), "delay_ms=3000"});
  auto all = f.connectors();
  REQUIRE(all.size() == 3);
  knowledge::ConnectorDriver driver(options(400));
  knowledge::ConnectorQuery q;
  q.text = "cultural differences";
  auto t0 = Clock::now();
  auto outcomes = driver.search_all(all, q);
  double waited = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  INFO("search_all answered after " << waited << " ms");
  // Nobody waited for the slow ones: the one that ignores cancel is still inside
  // its 3 s sleep when the answers are in (a fact, not a timing threshold).
  CHECK(knowledge::ConnectorDriver::wait_for_abandoned(std::chrono::milliseconds(0)) >= 1);
  REQUIRE(outcomes.size() == 3);
  for (const auto& o : outcomes) {
    INFO(o.plugin_id << ": " << o.error);
    if (o.plugin_id == "kb-test-a") {
      CHECK(o.status == knowledge::CallStatus::ok);
      CHECK(o.items.size() == 2);
    } else {
      CHECK(o.status == knowledge::CallStatus::timed_out);
      CHECK(o.items.empty());
      CHECK_THAT(o.error, Catch::Contains("did not answer within 400 ms"));
    }
  }
  // kb-test-c polls its cancel and leaves at once; kb-test-b sleeps its 3 s out.
  CHECK(knowledge::ConnectorDriver::wait_for_abandoned(std::chrono::milliseconds(20000)) == 0);
}

TEST_CASE("driver: junk items are refused and counted, good ones kept", "[knowledge][connector]") {
  Fixture f;
  configure(f.home, f.plugins, "kb-test-a", {"items_file=" + (f.dir / "items.json").string(), "junk=true"});
  auto all = f.connectors();
  knowledge::ConnectorDriver driver(options(5000));
  knowledge::ConnectorQuery q;
  q.text = "cultural";
  auto outcomes = driver.search_all({f.find(all, "kb-test-a")}, q);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == knowledge::CallStatus::ok);
  CHECK(outcomes[0].refused == 4);  // invalid UTF-8, javascript: URL, no title, 5000-byte title
  REQUIRE(outcomes[0].items.size() == 2);
  for (const auto& item : outcomes[0].items) CHECK(item.ref.rfind("junk", 0) != 0);
}

TEST_CASE("sync: items and cursor land together, deletions apply, a failed or timed-out sync changes nothing",
          "[knowledge][connector]") {
  Fixture f;
  auto items_file = f.dir / "items.json";
  configure(f.home, f.plugins, "kb-test-a", {"items_file=" + items_file.string(), "junk=true"});
  auto all = f.connectors();
  auto& db = f.runtime->db;
  knowledge::ConnectorDriver driver(options(5000));
  const auto& a = f.find(all, "kb-test-a");

  auto first = knowledge::sync_connector(db, a, driver);
  REQUIRE(first.ok());
  INFO(first->error);
  CHECK(first->status == "ok");
  CHECK(first->applied == 2);
  CHECK(first->refused == 4);
  auto thread = knowledge::find_entry(db, "thread", "kb-test-a", "t1");
  REQUIRE(thread.ok());
  REQUIRE(thread->has_value());
  CHECK((*thread)->body == "How feedback lands differently across offices.");
  CHECK(knowledge::find_entry(db, "document", "kb-test-a", "junk-url").value() == std::nullopt);
  CHECK(knowledge::find_connector_state(db, "kb-test-a").value()->cursor == "sync-1");

  // The expert is deleted at the source.
  auto changed = kItems;
  changed[1] = {{"ref", "ana"}, {"deleted", true}};
  write_items(items_file, changed);
  auto second = knowledge::sync_connector(db, a, driver);
  REQUIRE(second.ok());
  CHECK(second->deleted == 1);
  CHECK(knowledge::find_entry(db, "expert", "kb-test-a", "ana").value() == std::nullopt);
  CHECK(knowledge::find_connector_state(db, "kb-test-a").value()->cursor == "sync-2");

  // A sync that fails after sending items applies none of them.
  f.runtime.reset();
  configure(f.home, f.plugins, "kb-test-a", {"fail_sync=true"});
  all = f.connectors();
  auto& db2 = f.runtime->db;
  write_items(items_file, json::array({{{"kind", "document"}, {"url", "https://kb.example/new"},
                                        {"title", "New guideline"}, {"ref", "new"}}}));
  auto failed = knowledge::sync_connector(db2, f.find(all, "kb-test-a"), driver);
  REQUIRE(failed.ok());
  CHECK(failed->status == "failed");
  CHECK_THAT(failed->error, Catch::Contains("the source went away halfway"));
  CHECK(knowledge::find_entry(db2, "document", "kb-test-a", "new").value() == std::nullopt);
  auto state = knowledge::find_connector_state(db2, "kb-test-a").value();
  CHECK(state->cursor == "sync-2");
  CHECK(state->last_status == "failed");

  // One that outlives its deadline is abandoned and changes nothing either; a
  // second sync while the first still runs inside the plugin is refused.
  f.runtime.reset();
  configure(f.home, f.plugins, "kb-test-a", {"fail_sync=false", "delay_ms=4000", "honour_cancel=false"});
  all = f.connectors();
  auto& db3 = f.runtime->db;
  knowledge::ConnectorDriver hasty(options(200));
  auto late = knowledge::sync_connector(db3, f.find(all, "kb-test-a"), hasty);
  REQUIRE(late.ok());
  CHECK(late->status == "timed out");
  auto busy = knowledge::sync_connector(db3, f.find(all, "kb-test-a"), hasty);
  REQUIRE(busy.ok());
  CHECK(busy->status == "busy");
  CHECK(knowledge::ConnectorDriver::wait_for_abandoned(std::chrono::milliseconds(20000)) == 0);
  CHECK(knowledge::find_entry(db3, "document", "kb-test-a", "new").value() == std::nullopt);
  CHECK(knowledge::find_connector_state(db3, "kb-test-a").value()->cursor == "sync-2");
}
