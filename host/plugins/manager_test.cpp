#include <catch2/catch.hpp>
#include "app/schema_registry.hpp"

#include <filesystem>
#include <fstream>

#include "plugins/manager.hpp"
#include "store/store.hpp"
#include "support.hpp"
#include "plugins/plugin_test_home.hpp"
#include "plugins/abi_strings.hpp"

namespace fs = std::filesystem;
using namespace trellis;
using trellis::plugins::to_str;
using trellis::plugins::to_view;
using trellis::plugins::Capability;

namespace {

using Fixture = testing::PluginTestHome;

std::vector<std::string> find(const Capability<trellis_connector_v1>& c, const std::string& title, uint32_t max) {
  std::vector<std::string> titles;
  trellis_search_query q{};
  q.struct_size = sizeof q;
  q.module_id = to_str("m1");
  q.title = to_str(title);
  q.max_results = max;
  trellis_item_sink sink{};
  sink.struct_size = sizeof sink;
  sink.ctx = &titles;
  sink.add = [](void* ctx, const trellis_knowledge_item* l) -> trellis_status {
    static_cast<std::vector<std::string>*>(ctx)->emplace_back(to_view(l->title));
    return TRELLIS_OK;
  };
  plugins::CollectingSink error;
  REQUIRE(c.table->search(c.state, &q, &sink, nullptr, error.get()) == TRELLIS_OK);
  return titles;
}

}  // namespace

TEST_CASE("A bundled plugin loads, gets its settings and keeps state in the host's storage", "[plugins]") {
  Fixture f;
  f.bundle("good-connector");
  plugins::PluginManager manager(f.home, f.pool, f.bundled);
  REQUIRE(manager.load_all().ok());
  const auto* rec = manager.find("good-connector");
  REQUIRE(rec != nullptr);
  INFO(rec->reason);
  REQUIRE(rec->state == "loaded");
  auto connectors = manager.connectors();
  REQUIRE(connectors.size() == 1);
  CHECK(std::string(connectors[0].table->source_name) == "Good Wiki");
  auto first = find(connectors[0], "Fire safety", 2);
  REQUIRE(first.size() == 2);
  CHECK(first[0] == "Fire safety #0 (call 1)");
  auto second = find(connectors[0], "Fire safety", 1);
  CHECK(second.at(0) == "Fire safety #0 (call 2)");
  CHECK(manager.importers().empty());
}

TEST_CASE("A library that does not match its plugin.json checksum is refused with the reason", "[plugins]") {
  Fixture f;
  f.bundle("good-connector");
  auto lib = f.bundled / "good-connector" / "libtrellis-good-connector.so";
  REQUIRE(fs::exists(lib));
  {
    std::ofstream o(lib, std::ios::app | std::ios::binary);
    o << "tampered";
  }
  plugins::PluginManager manager(f.home, f.pool, f.bundled);
  REQUIRE(manager.load_all().ok());
  const auto* rec = manager.find("good-connector");
  REQUIRE(rec != nullptr);
  CHECK(rec->state == "refused");
  CHECK(rec->reason.find("checksum mismatch") != std::string::npos);
  CHECK(manager.connectors().empty());
}
