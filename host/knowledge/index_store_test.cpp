// The knowledge index's write side: upserts keep one row per identity and the
// FTS index follows every insert, update and delete.
#include <catch2/catch.hpp>

#include "app/runtime.hpp"
#include "knowledge/index_store.hpp"
#include "store/schema.hpp"
#include "support.hpp"

using namespace trellis;

namespace {

int64_t fts_hits(store::Database& db, const std::string& match) {
  auto st = db.prepare("SELECT count(*) FROM knowledge_fts WHERE knowledge_fts MATCH ?1");
  REQUIRE(st.ok());
  st->bind(1, match);
  REQUIRE(st->step().value());
  return st->integer(0);
}

}  // namespace

TEST_CASE("knowledge index: put replaces by identity and the full-text index follows", "[knowledge]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;

  knowledge::IndexEntry guideline{"document", "folder-kb", "guides/culture.md", "Working across cultures",
                                  "Cultural differences in feedback and meetings.", "file:///kb/culture.md",
                                  "culture,teams", "Ana", "2026-11-01T10:00:00Z", std::nullopt};
  REQUIRE(knowledge::put_entry(db, guideline).ok());
  CHECK(fts_hits(db, "meeting") == 1);  // porter stemming: "meeting" matches "meetings"

  guideline.body = "Feedback styles differ between offices.";
  REQUIRE(knowledge::put_entry(db, guideline).ok());
  CHECK(fts_hits(db, "meetings") == 0);  // only the old body said it
  CHECK(fts_hits(db, "offices") == 1);
  CHECK(fts_hits(db, "cultures") == 1);  // the title did not change
  auto found = knowledge::find_entry(db, "document", "folder-kb", "guides/culture.md");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->body == "Feedback styles differ between offices.");

  REQUIRE(knowledge::remove_entry(db, "document", "folder-kb", "guides/culture.md").ok());
  CHECK(fts_hits(db, "offices") == 0);
  CHECK(fts_hits(db, "cultures") == 0);
  CHECK(knowledge::remove_entry(db, "document", "folder-kb", "guides/culture.md").ok());
}

TEST_CASE("knowledge index: refuses unknown kinds and untitled entries, and remove_source clears one source",
          "[knowledge]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;

  auto bad_kind = knowledge::put_entry(db, {"podcast", "feeds", "1", "T", "", "", "", "", "", std::nullopt, std::nullopt});
  REQUIRE_FALSE(bad_kind.ok());
  CHECK_THAT(bad_kind.error().message, Catch::Contains("unknown kind 'podcast'"));
  auto untitled = knowledge::put_entry(db, {"thread", "feeds", "1", "", "", "", "", "", "", std::nullopt, std::nullopt});
  REQUIRE_FALSE(untitled.ok());
  CHECK_THAT(untitled.error().message, Catch::Contains("has no title"));

  REQUIRE(knowledge::put_entry(db, {"thread", "feeds", "a", "Ladder safety", "", "", "", "", "", std::nullopt, std::nullopt}).ok());
  REQUIRE(knowledge::put_entry(db, {"expert", "experts", "b", "Bo Lind", "scaffolding", "", "", "", "", std::nullopt, std::nullopt}).ok());
  REQUIRE(knowledge::remove_source(db, "feeds").ok());
  CHECK(fts_hits(db, "safety") == 0);  // only the feeds thread said it
  CHECK(fts_hits(db, "lind") == 1);
}

TEST_CASE("knowledge index: row ids carry the kind, and an update keeps the id", "[knowledge]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  for (const char* kind : {"module", "thread", "post", "document", "expert", "event"})
    REQUIRE(knowledge::put_entry(db, {kind, "s", "r", std::string("A ") + kind, "", "", "", "", "", std::nullopt, std::nullopt}).ok());
  auto st = db.prepare("SELECT id, kind FROM knowledge_entries ORDER BY id");
  REQUIRE(st.ok());
  int64_t previous = 0;
  while (st->step().value()) {
    CHECK(std::string(knowledge::kind_of_code(st->integer(0) & 7)) == st->text(1));
    CHECK(st->integer(0) > previous);
    previous = st->integer(0);
  }
  REQUIRE(knowledge::put_entry(db, {"expert", "s", "r", "A renamed expert", "", "", "", "", "", std::nullopt, std::nullopt}).ok());
  auto id = db.prepare("SELECT id FROM knowledge_entries WHERE kind = 'expert'");
  REQUIRE(id.ok());
  REQUIRE(id->step().value());
  CHECK((id->integer(0) & 7) == knowledge::kind_code("expert"));
  CHECK(fts_hits(db, "renamed") == 1);
}

namespace trellis::store {
SchemaDomain knowledge_schema();
}

namespace {

// A database whose knowledge schema stops at `version`, as an older Trellis left it.
store::Database knowledge_db_at(const std::filesystem::path& file, size_t version) {
  auto db = store::Database::open(file);
  REQUIRE(db.ok());
  auto older = store::knowledge_schema();
  older.migrations.resize(version);
  REQUIRE(store::migrate(*db, {older}, "test").ok());
  return std::move(db).value();
}

}  // namespace

TEST_CASE("knowledge schema 3 renumbers rows written under version 2 and rebuilds the index", "[knowledge]") {
  testing::TempDir dir;
  auto db = knowledge_db_at(dir / "k.db", 2);
  REQUIRE(db.exec("INSERT INTO knowledge_entries(kind, source, ref, title, body) VALUES"
                   " ('expert', 's', '1', 'Ana', 'negotiation'), ('thread', 's', '2', 'Budget talk', 'negotiation'),"
                   " ('module', 'catalog', 'm', 'Negotiation basics', '')")
              .ok());
  REQUIRE(store::migrate(db, {store::knowledge_schema()}, "test").ok());
  auto st = db.prepare("SELECT id, kind FROM knowledge_entries");
  REQUIRE(st.ok());
  int rows = 0;
  while (st->step().value()) {
    ++rows;
    CHECK(std::string(knowledge::kind_of_code(st->integer(0) & 7)) == st->text(1));
  }
  CHECK(rows == 3);
  CHECK(fts_hits(db, "negotiation") == 3);
  REQUIRE(knowledge::put_entry(db, {"post", "s", "3", "Negotiation follow-up", "", "", "", "", "", std::nullopt, std::nullopt}).ok());
  CHECK(fts_hits(db, "negotiation") == 4);
  REQUIRE(knowledge::remove_entry(db, "expert", "s", "1").ok());
  CHECK(fts_hits(db, "negotiation") == 3);
}

TEST_CASE("knowledge schema 4 names the thread of native entries and drops opening posts indexed twice",
          "[knowledge]") {
  testing::TempDir dir;
  auto db = knowledge_db_at(dir / "k.db", 3);
  // As the community indexed a thread with one reply before: the opening post
  // twice (as the thread and as a post with the thread's title).
  REQUIRE(db.exec("INSERT INTO knowledge_entries(id, kind, source, ref, title, body, url) VALUES"
                   " (9, 'thread', 'native', 'thr_1', 'Which exit?', 'Which exit in a fire?', '/api/v1/threads/thr_1'),"
                   " (18, 'post', 'native', 'pst_1', 'Which exit?', 'Which exit in a fire?',"
                   "  '/api/v1/threads/thr_1#pst_1'),"
                   " (26, 'post', 'native', 'pst_2', 'Re: Which exit?', 'The nearest exit.',"
                   "  '/api/v1/threads/thr_1#pst_2'),"
                   " (33, 'thread', 'feeds', 'x', 'Which exit?', 'Elsewhere.', 'https://forum.example/x')")
              .ok());
  REQUIRE(store::migrate(db, {store::knowledge_schema()}, "test").ok());
  auto opening = knowledge::find_entry(db, "post", "native", "pst_1");
  REQUIRE(opening.ok());
  CHECK_FALSE(opening->has_value());
  auto reply = knowledge::find_entry(db, "post", "native", "pst_2");
  REQUIRE(reply.ok());
  REQUIRE(reply->has_value());
  CHECK((*reply)->thread_id == "thr_1");
  auto thread = knowledge::find_entry(db, "thread", "native", "thr_1");
  REQUIRE(thread.ok());
  REQUIRE(thread->has_value());
  CHECK((*thread)->thread_id == "thr_1");
  auto outside = knowledge::find_entry(db, "thread", "feeds", "x");
  REQUIRE(outside.ok());
  REQUIRE(outside->has_value());
  CHECK_FALSE((*outside)->thread_id.has_value());
  CHECK(fts_hits(db, "exit") == 3);  // the index followed the deletion
}
