// The knowledge index's write side: upserts keep one row per identity and the
// FTS index follows every insert, update and delete.
#include <catch2/catch.hpp>

#include "app/runtime.hpp"
#include "knowledge/index_store.hpp"
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
  CHECK(fts_hits(db, "meeting") == 0);  // gone with the old body (the title would still match "cultural")
  CHECK(fts_hits(db, "feedback") == 1);
  auto found = knowledge::find_entry(db, "document", "folder-kb", "guides/culture.md");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->body == "Feedback styles differ between offices.");

  REQUIRE(knowledge::remove_entry(db, "document", "folder-kb", "guides/culture.md").ok());
  CHECK(fts_hits(db, "feedback") == 0);
  CHECK(knowledge::remove_entry(db, "document", "folder-kb", "guides/culture.md").ok());
}

TEST_CASE("knowledge index: refuses unknown kinds and untitled entries, and remove_source clears one source",
          "[knowledge]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;

  auto bad_kind = knowledge::put_entry(db, {"podcast", "feeds", "1", "T", "", "", "", "", "", std::nullopt});
  REQUIRE_FALSE(bad_kind.ok());
  CHECK_THAT(bad_kind.error().message, Catch::Contains("unknown kind 'podcast'"));
  auto untitled = knowledge::put_entry(db, {"thread", "feeds", "1", "", "", "", "", "", "", std::nullopt});
  REQUIRE_FALSE(untitled.ok());
  CHECK_THAT(untitled.error().message, Catch::Contains("has no title"));

  REQUIRE(knowledge::put_entry(db, {"thread", "feeds", "a", "Ladder safety", "", "", "", "", "", std::nullopt}).ok());
  REQUIRE(knowledge::put_entry(db, {"expert", "experts", "b", "Bo Lind", "scaffolding", "", "", "", "", std::nullopt}).ok());
  REQUIRE(knowledge::remove_source(db, "feeds").ok());
  CHECK(fts_hits(db, "ladder") == 0);
  CHECK(fts_hits(db, "scaffolding") == 1);
}
