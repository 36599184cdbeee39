// The records domain's migrations on a database an older host wrote.
#include <catch2/catch.hpp>

#include "records/export_store.hpp"
#include "records/records_schema.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"
#include "support.hpp"

using namespace trellis;

namespace {

std::string one_text(store::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st);
  auto row = st->step();
  REQUIRE(row);
  REQUIRE(*row);
  return st->text(0);
}

}  // namespace

TEST_CASE("Migration 4 corrects the mailto:mailto: mboxes older community statements stored so erasure finds them",
          "[records][migration][forget]") {
  testing::TempDir dir;
  auto db = store::Database::open(dir / "old.db");
  REQUIRE(db);
  store::SchemaDomain before = store::records_schema();
  while (before.latest() > 3) before.migrations.pop_back();
  REQUIRE(store::migrate(*db, {store::host_schema(), before}, "0.0.0-old").ok());
  // What the host wrote for a post whose author was given as "mailto:ana@example.org".
  REQUIRE(db->exec("INSERT INTO statements(seq, id, stored, actor, verb, activity, authority_key, statement) VALUES"
                   " (1, 's1', '2026-01-01T00:00:00Z', 'mbox:mailto:mailto:ana@example.org',"
                   " 'http://adlnet.gov/expapi/verbs/commented', 'https://lms.example/t/1', 'trellis',"
                   " '{\"actor\":{\"mbox\":\"mailto:mailto:ana@example.org\",\"objectType\":\"Agent\"},"
                   "\"id\":\"s1\",\"object\":{\"id\":\"https://lms.example/t/1\"},"
                   "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/commented\"}}');"
                   "INSERT INTO statement_agents(seq, agent, related) VALUES (1, 'mbox:mailto:mailto:ana@example.org', 0);")
              .ok());

  REQUIRE(store::migrate(*db, {store::host_schema(), store::records_schema()}, "0.0.0-new").ok());
  CHECK(one_text(*db, "SELECT actor FROM statements WHERE id = 's1'") == "mbox:mailto:ana@example.org");
  auto text = one_text(*db, "SELECT statement FROM statements WHERE id = 's1'");
  CHECK(text.find("\"mbox\":\"mailto:ana@example.org\"") != std::string::npos);
  CHECK(text.find("mailto:mailto:") == std::string::npos);
  CHECK(one_text(*db, "SELECT agent FROM statement_agents WHERE seq = 1") == "mbox:mailto:ana@example.org");

  auto erased = records::erase_agent(*db, "mbox:mailto:ana@example.org");
  REQUIRE(erased);
  CHECK(erased->statements == 1);
  CHECK(one_text(*db, "SELECT count(*) FROM statements") == "0");
}
