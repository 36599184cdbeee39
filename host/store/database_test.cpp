#include <catch2/catch.hpp>

#include <filesystem>

#include "store/database.hpp"
#include "scratch_db.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using trellis::store::Database;
using trellis::store::Transaction;


TEST_CASE("Transactions roll back unless committed", "[store]") {
  auto file = trellis::testing::scratch_db("tx");
  auto db = Database::open(file);
  REQUIRE(db);
  REQUIRE(db->exec("CREATE TABLE t(x INTEGER)").ok());
  {
    auto tx = Transaction::begin(db.value());
    REQUIRE(tx);
    REQUIRE(db->exec("INSERT INTO t VALUES (1)").ok());
  }  // dropped without commit
  {
    auto tx = Transaction::begin(db.value());
    REQUIRE(db->exec("INSERT INTO t VALUES (2)").ok());
    REQUIRE(tx->commit().ok());
  }
  auto st = db->prepare("SELECT group_concat(x) FROM t");
  REQUIRE(st);
  REQUIRE(st->step().value());
  CHECK(st->text(0) == "2");
}

TEST_CASE("Foreign keys are enforced and reported as conflicts", "[store]") {
  auto file = trellis::testing::scratch_db("fk");
  auto db = Database::open(file);
  REQUIRE(db);
  REQUIRE(db->exec("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(p INTEGER REFERENCES p(id));").ok());
  auto bad = db->exec("INSERT INTO c VALUES (42)");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == trellis::ErrorKind::conflict);
}

TEST_CASE("Binding and reading values round-trips text, integers, blobs and NULL", "[store]") {
  auto file = trellis::testing::scratch_db("bind");
  auto db = Database::open(file);
  REQUIRE(db->exec("CREATE TABLE v(a TEXT, b INTEGER, c BLOB, d TEXT)").ok());
  auto ins = db->prepare("INSERT INTO v VALUES (?1, ?2, ?3, ?4)");
  REQUIRE(ins);
  std::string blob("\0\1\2", 3);
  ins->bind(1, "h\xc3\xa9").bind(2, int64_t{1} << 40).bind_blob(3, blob).bind_null(4);
  REQUIRE(ins->run().ok());
  auto sel = db->prepare("SELECT a, b, c, d FROM v");
  REQUIRE(sel->step().value());
  CHECK(sel->text(0) == "h\xc3\xa9");
  CHECK(sel->integer(1) == (int64_t{1} << 40));
  CHECK(sel->blob(2) == blob);
  CHECK_FALSE(sel->optional_text(3).has_value());
}
