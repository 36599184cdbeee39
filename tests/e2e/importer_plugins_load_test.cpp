// The bundled cmi5 and xAPI importers as the host itself loads them: plugin.json
// accepted, library loaded by the real plugin manager, importer capability offered.
#include <catch2/catch.hpp>

#include <set>

#include "app/schema_registry.hpp"
#include "plugins/manager.hpp"
#include "store/store.hpp"
#include "support.hpp"

using namespace trellis;

TEST_CASE("the host's plugin manager loads the bundled importers", "[e2e][plugins][cmi5][xapi][scorm]") {
  testing::TempDir dir;
  Home home = Home::open(dir / "home").value();
  store::Database db = store::open_home_database(home, home_schema_domains()).value();
  store::DatabasePool pool{home.database()};
  plugins::PluginManager manager(home, pool, std::filesystem::path(TRELLIS_BINARY_DIR) / "lib" / "trellis" / "plugins");
  REQUIRE(manager.load_all().ok());
  for (const char* id : {"cmi5", "xapi", "scorm12", "scorm2004"}) {
    const auto* record = manager.find(id);
    REQUIRE(record != nullptr);
    INFO(id << ": " << record->reason);
    CHECK(record->state == "loaded");
  }
  std::set<std::string> formats;
  for (const auto& importer : manager.importers()) formats.insert(importer.table->format);
  CHECK(formats.count("cmi5") == 1);
  CHECK(formats.count("xapi") == 1);
  CHECK(formats.count("scorm12") == 1);
  CHECK(formats.count("scorm2004") == 1);
}
