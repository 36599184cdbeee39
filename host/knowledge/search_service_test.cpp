// Knowledge search over a real database: the query a person types never reaches
// FTS5 as syntax, titles outrank bodies, kinds filter, counts cover every match.
#include <catch2/catch.hpp>

#include "app/runtime.hpp"

#include <nlohmann/json.hpp>
#include "knowledge/index_store.hpp"
#include "knowledge/search_service.hpp"
#include "support.hpp"

using namespace trellis;
using knowledge::IndexEntry;

namespace {

void put(store::Database& db, const std::string& kind, const std::string& source, const std::string& ref,
         const std::string& title, const std::string& body, const std::string& tags = "") {
  REQUIRE(knowledge::put_entry(db, IndexEntry{kind, source, ref, title, body, "https://kb.example/" + ref, tags, "",
                                              "", std::nullopt})
              .ok());
}

}  // namespace

TEST_CASE("search: user text becomes quoted words, and syntax and junk are refused or neutralised", "[knowledge]") {
  CHECK(knowledge::fts_query_for("cultural differences").value() == R"("cultural" OR "differences")");
  // FTS5 operators, column filters and quotes are just words (or separators) here.
  CHECK(knowledge::fts_query_for("title:fire AND NEAR(x\"y)").value() ==
        R"("title" OR "fire" OR "NEAR" OR "x" OR "y")");  // "AND" goes as the word "and"
  CHECK(knowledge::fts_query_for("fire fire FIRE").value() == R"("fire" OR "FIRE")");
  CHECK(knowledge::fts_query_for("Sécurité").value() == "\"Sécurité\"");
  // Function words go when there is something else to look for, and stay when not.
  CHECK(knowledge::fts_query_for("How to give feedback").value() == R"("give" OR "feedback")");
  CHECK(knowledge::fts_query_for("to be or not to be").value() == R"("to" OR "be" OR "or" OR "not")");

  auto empty = knowledge::fts_query_for("   ");
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.error().message, Catch::Contains("no words to search for"));
  CHECK_FALSE(knowledge::fts_query_for("?!* -- ()").ok());
  auto bad = knowledge::fts_query_for(std::string("caf\xc3\x28", 5));
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::Contains("not valid UTF-8"));
  CHECK_FALSE(knowledge::fts_query_for(std::string(2000, 'a')).ok());
}

TEST_CASE("search: ranked by BM25 with the title heaviest, kind filter, limit and counts over all matches",
          "[knowledge]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  put(db, "document", "folder-kb", "d1", "Meeting notes", "We talked about ladders and ladder safety at length.");
  put(db, "thread", "native", "t1", "Ladder safety", "Who checks the rungs?");
  put(db, "expert", "experts", "e1", "Bo Lind", "Maintenance lead", "ladders,scaffolding");
  put(db, "document", "folder-kb", "d2", "Fire drills", "Evacuation routes.");

  auto all = knowledge::search(db, {"ladder safety", {}, 20, false});
  REQUIRE(all.ok());
  REQUIRE(all->results.size() == 3);
  CHECK(all->results[0].title == "Ladder safety");  // both words in the title
  for (size_t i = 1; i < all->results.size(); ++i) CHECK(all->results[i - 1].score >= all->results[i].score);
  CHECK(all->results[0].score > 0);
  CHECK(all->counts.at("document") == 1);
  CHECK(all->counts.at("thread") == 1);
  CHECK(all->counts.at("expert") == 1);
  CHECK(all->counts.at("module") == 0);

  auto experts = knowledge::search(db, {"ladder safety", {"expert"}, 20, false});
  REQUIRE(experts.ok());
  REQUIRE(experts->results.size() == 1);
  CHECK(experts->results[0].source == "experts");
  CHECK(experts->counts.at("thread") == 1);  // counts ignore the filter: the other tabs still show theirs

  auto one = knowledge::search(db, {"ladder", {}, 1, false});
  REQUIRE(one.ok());
  CHECK(one->results.size() == 1);

  auto json = knowledge::to_json(*all);
  CHECK(json["results"][0].size() == 6);
  for (const char* key : {"kind", "title", "url", "snippet", "source", "score"}) CHECK(json["results"][0].contains(key));
  CHECK_THAT(json["results"][0]["snippet"].get<std::string>(), Catch::Contains("Ladder"));

  auto bad_kind = knowledge::search(db, {"ladder", {"podcast"}, 20, false});
  REQUIRE_FALSE(bad_kind.ok());
  CHECK_THAT(bad_kind.error().message, Catch::Contains("unknown kind 'podcast'"));
  CHECK_FALSE(knowledge::search(db, {"ladder", {}, 0, false}).ok());
  CHECK_FALSE(knowledge::search(db, {"ladder", {}, 101, false}).ok());

  auto none = knowledge::search(db, {"\"unclosed OR", {}, 20, false});
  REQUIRE(none.ok());  // a stray quote is not an FTS5 syntax error
  CHECK(none->results.empty());
}
