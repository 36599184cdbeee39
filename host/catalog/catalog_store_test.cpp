// Stored versions stay readable across catalog migrations: those from before
// models were kept a node per row (migration 2) hold the whole tree in
// course_versions.model, and those from before the model was format-neutral
// (migration 3) kept SCORM's counts and edition in columns of their own.
#include <catch2/catch.hpp>
#include "app/schema_registry.hpp"

#include <optional>

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

// The home as a build before catalog migration 3 left it.
std::vector<store::SchemaDomain> domains_before_facts() {
  auto domains = home_schema_domains();
  for (auto& d : domains)
    if (d.name == "catalog") d.migrations.resize(2);
  return domains;
}

// A home an older build wrote rows into (`write`), then opened by this one,
// which migrates it.
struct UpgradedHome {
  testing::TempDir dir;
  std::optional<store::Database> db;

  template <typename Write>
  explicit UpgradedHome(Write write) {
    auto home = Home::open(dir / "home");
    REQUIRE(home);
    {
      auto old = store::open_home_database(*home, domains_before_facts());
      REQUIRE(old);
      write(*old);
    }
    auto opened = store::open_home_database(*home, home_schema_domains());
    REQUIRE(opened);
    db.emplace(std::move(opened).value());
  }

  catalog::CatalogStore store() { return catalog::CatalogStore(*db); }

  json detail(const std::string& course_id) {
    auto detail = store().course_detail(course_id);
    REQUIRE(detail);
    REQUIRE(detail->has_value());
    return **detail;
  }
};

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
  UpgradedHome old(store_old_form);
  catalog::CatalogStore store = old.store();
  json detail = old.detail("crs_old");
  CHECK(detail["model"] == whole_model());
  REQUIRE(detail["modules"].size() == 1);

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

namespace {

// A SCORM 2004 version as stored between migrations 2 and 3: the format's facts
// in columns, its tree a node per row.
void store_columns_form(store::Database& db) {
  REQUIRE(db.exec(
      "INSERT INTO courses(id, format, identifier) VALUES('crs_cols', 'scorm2004', 'com.example.cols');"
      "INSERT INTO modules(id, course_id, identifier) VALUES('mod_a', 'crs_cols', 'a'), ('mod_b', 'crs_cols', 'b');"
      "INSERT INTO course_versions(course_id, version, edition, title, package_name, content_sha256, model,"
      " organizations, items, launchable, scos, resources)"
      " VALUES('crs_cols', 1, '4th', 'Cols', 'cols.zip', 'x', '{\"title\": \"Cols\"}', 2, 2, 2, 1, 3);"
      "INSERT INTO version_modules(course_id, version, module_id, parent_identifier, position, kind, title,"
      " launchable, sco, fingerprint) VALUES('crs_cols', 1, 'mod_a', 'org', 1, 'item', 'A', 1, 1, 'f'),"
      " ('crs_cols', 1, 'mod_b', 'org', 2, 'item', 'B', 1, 0, 'g');"));
}

}  // namespace

TEST_CASE("a version stored with the old format columns shows the same facts after the upgrade") {
  UpgradedHome old(store_columns_form);
  json d = old.detail("crs_cols");
  CHECK(d["edition"] == "4th");
  CHECK(d["title"] == "Cols");
  REQUIRE(d["modules"].size() == 2);
  CHECK(d["modules"][0]["sco"] == true);
  CHECK(d["modules"][1]["sco"] == false);
  CHECK(d["modules"][0]["launchable"] == true);

  auto list = old.store().list_courses();
  REQUIRE(list);
  REQUIRE(list->size() == 1);
  const auto& v = list->front();
  CHECK(v.facts == json{{"edition", "4th"}, {"organizations", 2}, {"scos", 1}});
  CHECK(v.counts.nodes == 4);
  CHECK(v.counts.items == 2);
  CHECK(v.counts.launchable == 2);
  CHECK(v.counts.containers == 2);
  CHECK(v.counts.resources == 3);
}

TEST_CASE("an old SCORM 1.2 version keeps its null edition and its module facts") {
  UpgradedHome old(store_old_form);
  json d = old.detail("crs_old");
  CHECK(d.contains("edition"));
  CHECK(d["edition"].is_null());
  CHECK(d["modules"][0]["sco"] == false);
}
