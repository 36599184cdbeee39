// The bundled SCORM importers as the host itself loads them: plugin.json accepted,
// library loaded by the real plugin manager, importer capability offered.
#include <catch2/catch.hpp>

#include <set>

#include "plugins/manager.hpp"
#include "store/store.hpp"
#include "support.hpp"

using namespace trellis;

TEST_CASE("the host's plugin manager loads the bundled scorm12 and scorm2004 importers", "[e2e][plugins][scorm]") {
  testing::TempDir dir;
  Home home = Home::open(dir / "home").value();
  store::Database db = store::open_home_database(home).value();
  store::DatabasePool pool{home.database()};
  plugins::PluginManager manager(home, pool, std::filesystem::path(TRELLIS_BINARY_DIR) / "lib" / "trellis" / "plugins");
  REQUIRE(manager.load_all().ok());
  std::set<std::string> formats;
  for (const auto& importer : manager.importers()) formats.insert(importer.table->format);
  for (const char* id : {"scorm12", "scorm2004"}) {
    const auto* record = manager.find(id);
    REQUIRE(record != nullptr);
    INFO(id << ": " << record->reason);
    CHECK(record->state == "loaded");
    CHECK(formats.count(id) == 1);
  }
}
