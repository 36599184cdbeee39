// PluginManager::runtime_for and RuntimeCapability against a real shared
// library (tests/plugins/echo-runtime, written on the raw C ABI).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "plugins/manager.hpp"
#include "plugins/plugin_test_home.hpp"

using RuntimeFixture = trellis::testing::PluginTestHome;

TEST_CASE("runtime_for finds the loaded plugin that runs a format and calls it", "[plugins][runtime]") {
  RuntimeFixture f;
  f.bundle("echo-runtime");
  f.bundle("good-connector");
  trellis::plugins::PluginManager manager(f.home, f.pool, f.bundled);
  REQUIRE(manager.load_all().ok());
  const auto* rec = manager.find("echo-runtime");
  REQUIRE(rec != nullptr);
  INFO(rec->reason);
  REQUIRE(rec->state == "loaded");

  CHECK(manager.runtime_for("scorm12") == nullptr);
  CHECK(manager.runtime_for("") == nullptr);
  const auto* runtime = manager.runtime_for("echo");
  REQUIRE(runtime != nullptr);
  CHECK(runtime->format() == "echo");
  CHECK(runtime->plugin_id() == "echo-runtime");

  auto plan = runtime->prepare_launch(R"({"schema": "trellis.launch-request/1"})");
  REQUIRE(plan.ok());
  auto p = nlohmann::json::parse(plan.value());
  CHECK(p["schema"] == "trellis.launch-plan/1");
  CHECK(p["echo"]["schema"] == "trellis.launch-request/1");

  auto outcome = runtime->apply_commit(R"({"schema": "trellis.commit-request/1", "terminate": true})");
  REQUIRE(outcome.ok());
  auto o = nlohmann::json::parse(outcome.value());
  CHECK(o["schema"] == "trellis.commit-outcome/1");
  CHECK(o["echo"]["terminate"] == true);
}

TEST_CASE("a runtime plugin's failures come back as error values", "[plugins][runtime]") {
  RuntimeFixture f;
  f.bundle("echo-runtime");
  trellis::plugins::PluginManager manager(f.home, f.pool, f.bundled);
  REQUIRE(manager.load_all().ok());
  const auto* runtime = manager.runtime_for("echo");
  REQUIRE(runtime != nullptr);

  auto refused = runtime->apply_commit(R"({"refuse": 1})");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == trellis::ErrorKind::invalid_input);
  CHECK(refused.error().message.find("asked to refuse") != std::string::npos);
  CHECK(refused.error().message.find("echo-runtime") != std::string::npos);

  auto crashed = runtime->prepare_launch(R"({"crash": 1})");
  REQUIRE_FALSE(crashed.ok());
  CHECK(crashed.error().kind == trellis::ErrorKind::internal);
  CHECK(crashed.error().message.find("no reason given") != std::string::npos);

  auto garbage = runtime->apply_commit(R"({"garbage": 1})");
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().message.find("not a JSON object") != std::string::npos);
}

TEST_CASE("a disabled or absent runtime plugin runs no format", "[plugins][runtime]") {
  RuntimeFixture f;
  f.bundle("good-connector");
  {
    trellis::plugins::PluginManager without(f.home, f.pool, f.bundled);
    REQUIRE(without.load_all().ok());
    CHECK(without.runtime_for("echo") == nullptr);
  }
  f.bundle("echo-runtime");
  {
    trellis::plugins::PluginManager with(f.home, f.pool, f.bundled);
    REQUIRE(with.load_all().ok());
    REQUIRE(with.runtime_for("echo") != nullptr);
  }
  REQUIRE(f.db.exec("UPDATE plugins SET enabled = 0 WHERE id = 'echo-runtime'").ok());
  trellis::plugins::PluginManager disabled(f.home, f.pool, f.bundled);
  REQUIRE(disabled.load_all().ok());
  CHECK(disabled.find("echo-runtime")->state == "disabled");
  CHECK(disabled.runtime_for("echo") == nullptr);
}
