// Versions stored before course models were kept a node per row (catalog
// migration 2) hold the whole tree in course_versions.model: readers must take
// that form as well as the new one.
#include <catch2/catch.hpp>
#include "app/schema_registry.hpp"

#include "catalog/catalog_store.hpp"
#include "core/home.hpp"
#include "store/store.hpp"
#include "support.hpp"

using namespace trellis;
using nlohmann::json;

namespace {

json whole_model() {
  return json::parse(R"({
    "schema": "trellis.course/1", "format": "scorm12", "edition": null, "identifier": "com.example.old", "title": "Old",
    "metadata": {"objectives": [{"identifier": "obj1", "title": "Use an extinguisher"}]},
    "nodes": [{"identifier": "org", "kind": "organization", "title": "O", "children": [
      {"identifier": "m1", "kind": "item", "title": "Fire", "description": "Fire safety basics",
       "objectives": ["obj1"], "children": []}]}],
    "resources": [{"identifier": "r1"}]})");
}

// The rows an import made before migration 2: no version_nodes, the model whole.
void store_old_form(store::Database& db) {
  REQUIRE(db.exec("INSERT INTO courses(id, format, identifier) VALUES('crs_old', 'scorm12', 'com.example.old');"
                  "INSERT INTO modules(id, course_id, identifier) VALUES('mod_m1', 'crs_old', 'm1');"));
  auto version = db.prepare(
      "INSERT INTO course_versions(course_id, version, edition, title, package_name, content_sha256, model,"
      " organizations, items, launchable, scos, resources) VALUES('crs_old', 1, NULL, 'Old', 'old.zip', 'x', ?1,"
      " 1, 1, 0, 0, 1)");
  REQUIRE(version);
  version->bind(1, whole_model().dump());
  REQUIRE(version->run());
  REQUIRE(db.exec("INSERT INTO version_modules(course_id, version, module_id, parent_identifier, position, kind, title,"
                  " launchable, sco, fingerprint) VALUES('crs_old', 1, 'mod_m1', 'org', 0, 'item', 'Fire', 0, 0, 'f')"));
}

}  // namespace

TEST_CASE("a version stored with its model whole still reads back, tree and module texts") {
  testing::TempDir dir;
  auto home = Home::open(dir / "home");
  REQUIRE(home);
  auto db = store::open_home_database(*home, home_schema_domains());
  REQUIRE(db);
  store_old_form(*db);
  catalog::CatalogStore store(*db);

  auto detail = store.course_detail("crs_old");
  REQUIRE(detail);
  REQUIRE(detail->has_value());
  CHECK((**detail)["model"] == whole_model());
  REQUIRE((**detail)["modules"].size() == 1);

  int seen = 0;
  REQUIRE(store.visit_latest_modules("crs_old", [&](const catalog::ModuleView& m) -> Status {
    ++seen;
    CHECK(m.identifier == "m1");
    CHECK(m.node->value("description", "") == "Fire safety basics");
    CHECK(m.course->value("title", "") == "Old");
    return {};
  }));
  CHECK(seen == 1);
}
