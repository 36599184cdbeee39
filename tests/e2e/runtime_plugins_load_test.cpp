// The bundled SCORM runtimes as the player reaches them: both shared
// libraries loaded by the real plugin manager, found by the format their
// importers write, called through RuntimeCapability.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "app/schema_registry.hpp"
#include "plugins/manager.hpp"
#include "store/store.hpp"
#include "support.hpp"

namespace runtime_plugins_load_test {

nlohmann::json request(const char* schema, const char* format, const char* edition) {
  nlohmann::json r = {
      {"schema", schema},
      {"course", {{"format", format}, {"edition", edition ? nlohmann::json(edition) : nlohmann::json()},
                  {"identifier", "c"}, {"title", "C"}}},
      {"module", {{"identifier", "item_1"}, {"title", "One"}, {"attributes", nlohmann::json::object()}}},
      {"learner", {{"id", "l1"}, {"name", "Learner"}}},
      {"attempt", {{"number", 1}, {"mode", "normal"}, {"credit", "credit"}, {"state", nullptr}}}};
  return r;
}

}  // namespace runtime_plugins_load_test

TEST_CASE("the host's plugin manager finds the bundled SCORM runtimes by format", "[e2e][plugins][scorm][runtime]") {
  using runtime_plugins_load_test::request;
  trellis::testing::TempDir dir;
  trellis::Home home = trellis::Home::open(dir / "home").value();
  trellis::store::Database db = trellis::store::open_home_database(home, trellis::home_schema_domains()).value();
  trellis::store::DatabasePool pool{home.database()};
  trellis::plugins::PluginManager manager(home, pool,
                                          std::filesystem::path(TRELLIS_BINARY_DIR) / "lib" / "trellis" / "plugins");
  REQUIRE(manager.load_all().ok());
  CHECK(manager.runtime_for("no-such-format") == nullptr);
  // cmi5 plans launches (its AUs talk to the LRS themselves); tests/e2e/cmi5_launch_test.cpp runs them.
  CHECK(manager.runtime_for("cmi5") != nullptr);

  struct Case {
    const char* format;
    const char* edition;
    const char* status_element;
    const char* status_value;
  };
  for (const Case& c : {Case{"scorm12", nullptr, "cmi.core.lesson_status", "completed"},
                        Case{"scorm2004", "4th", "cmi.completion_status", "completed"}}) {
    INFO(c.format);
    const auto* runtime = manager.runtime_for(c.format);
    REQUIRE(runtime != nullptr);
    CHECK(runtime->plugin_id() == c.format);

    auto plan = runtime->prepare_launch(request("trellis.launch-request/1", c.format, c.edition).dump());
    REQUIRE(plan.ok());
    CHECK(nlohmann::json::parse(plan.value())["api"] == c.format);

    auto commit = request("trellis.commit-request/1", c.format, c.edition);
    commit["elements"] = {{c.status_element, c.status_value}};
    auto outcome = runtime->apply_commit(commit.dump());
    REQUIRE(outcome.ok());
    auto o = nlohmann::json::parse(outcome.value());
    CHECK(o["error_code"] == 0);
    CHECK(o["status"]["completion"] == "completed");

    commit["elements"] = {{c.status_element, "finished"}};
    auto refused = runtime->apply_commit(commit.dump());
    REQUIRE(refused.ok());  // a refused commit is an outcome, not a failure
    CHECK(nlohmann::json::parse(refused.value())["error_code"] != 0);

    auto broken = runtime->apply_commit("{\"schema\": \"something else\"}");
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().kind == trellis::ErrorKind::invalid_input);
  }
}
