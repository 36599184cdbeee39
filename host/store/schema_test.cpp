#include <catch2/catch.hpp>

#include <filesystem>

#include "store/schema.hpp"
#include "scratch_db.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace trellis::store;

namespace {
std::vector<SchemaDomain> domains_v(int up_to) {
  SchemaDomain d{"things", {}};
  if (up_to >= 1) d.migrations.push_back({1, "CREATE TABLE things(id INTEGER PRIMARY KEY);"});
  if (up_to >= 2) d.migrations.push_back({2, "ALTER TABLE things ADD COLUMN name TEXT;"});
  return {d};
}
}  // namespace

TEST_CASE("Migrations apply in order and only once", "[store][migrations]") {
  auto file = trellis::testing::scratch_db("order");
  {
    auto db = Database::open(file);
    REQUIRE(migrate(db.value(), domains_v(1), "0.0.1").ok());
  }
  auto db = Database::open(file);
  REQUIRE(migrate(db.value(), domains_v(2), "0.0.2").ok());
  REQUIRE(migrate(db.value(), domains_v(2), "0.0.2").ok());
  REQUIRE(db->exec("INSERT INTO things(name) VALUES ('x')").ok());
  auto status = schema_status(db.value(), domains_v(2));
  REQUIRE(status);
  REQUIRE(status->size() == 1);
  CHECK(status->at(0).stored == 2);
  CHECK(status->at(0).written_by == "0.0.2");
}

TEST_CASE("A failing migration leaves the database as it was", "[store][migrations]") {
  auto file = trellis::testing::scratch_db("atomic");
  auto db = Database::open(file);
  auto domains = domains_v(1);
  domains[0].migrations.push_back({2, "CREATE TABLE half(x); THIS IS NOT SQL;"});
  auto st = migrate(db.value(), domains, "0.0.1");
  REQUIRE_FALSE(st);
  auto check = db->prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('things','half','trellis_schema')");
  REQUIRE(check->step().value());
  CHECK(check->integer(0) == 0);
}

TEST_CASE("A database from a newer Trellis is refused, naming both versions, untouched", "[store][migrations]") {
  auto file = trellis::testing::scratch_db("newer");
  {
    auto db = Database::open(file);
    REQUIRE(migrate(db.value(), domains_v(2), "9.0.0").ok());
  }
  auto db = Database::open(file);
  auto st = migrate(db.value(), domains_v(1), "0.1.0");
  REQUIRE_FALSE(st);
  CHECK(st.error().exit_code() == 3);
  CHECK(st.error().message.find("9.0.0") != std::string::npos);
  CHECK(st.error().message.find("0.1.0") != std::string::npos);
  CHECK(st.error().message.find("version 2") != std::string::npos);

  SECTION("an unknown domain is refused too") {
    SchemaDomain other{"other", {{1, "CREATE TABLE o(x);"}}};
    auto st2 = migrate(db.value(), {other}, "0.1.0");
    REQUIRE_FALSE(st2);
    CHECK(st2.error().message.find("things") != std::string::npos);
  }
}
