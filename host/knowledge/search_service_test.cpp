// Knowledge search over a real database: the query a person types never reaches
// FTS5 as syntax, titles outrank bodies, kinds filter, counts cover every match.
#include <catch2/catch.hpp>

#include "app/runtime.hpp"

#include <nlohmann/json.hpp>
#include "knowledge/index_store.hpp"
#include "knowledge/search_service.hpp"

#include <map>
#include <set>
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

// What the home's owner asks (the CLI): every kind.
knowledge::SearchRequest owner(const std::string& text, std::vector<std::string> kinds = {}, int limit = 20) {
  knowledge::SearchRequest r;
  r.text = text;
  r.kinds = std::move(kinds);
  r.limit = limit;
  r.access = knowledge::ReadAccess::home_owner();
  return r;
}

knowledge::SearchRequest as_reader(const std::string& text, const knowledge::ReadAccess& access,
                                   std::vector<std::string> kinds = {}) {
  knowledge::SearchRequest r = owner(text, std::move(kinds));
  r.access = access;
  return r;
}

lrs::Principal key_with(const std::string& scopes) {
  lrs::Principal p;
  p.key = "k1";
  p.scopes = scopes;
  return p;
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

  auto all = knowledge::search(db, owner("ladder safety"));
  REQUIRE(all.ok());
  REQUIRE(all->results.size() == 3);
  CHECK(all->results[0].title == "Ladder safety");  // both words in the title
  for (size_t i = 1; i < all->results.size(); ++i) CHECK(all->results[i - 1].score >= all->results[i].score);
  CHECK(all->results[0].score > 0);
  CHECK(all->counts.at("document") == 1);
  CHECK(all->counts.at("thread") == 1);
  CHECK(all->counts.at("expert") == 1);
  CHECK(all->counts.at("module") == 0);

  auto experts = knowledge::search(db, owner("ladder safety", {"expert"}));
  REQUIRE(experts.ok());
  REQUIRE(experts->results.size() == 1);
  CHECK(experts->results[0].source == "experts");
  CHECK(experts->counts.at("thread") == 1);  // counts ignore the filter: the other tabs still show theirs

  auto one = knowledge::search(db, owner("ladder", {}, 1));
  REQUIRE(one.ok());
  CHECK(one->results.size() == 1);

  auto json = knowledge::to_json(*all);
  CHECK(json["results"][0].size() == 11);
  for (const char* key : {"kind", "title", "url", "snippet", "source", "ref", "item", "course_id", "module_id",
                          "thread_id", "score"})
    CHECK(json["results"][0].contains(key));
  CHECK(json["results"][0]["item"] == "thread:native:t1");
  CHECK_THAT(json["results"][0]["snippet"].get<std::string>(), Catch::Contains("Ladder"));

  auto bad_kind = knowledge::search(db, owner("ladder", {"podcast"}));
  REQUIRE_FALSE(bad_kind.ok());
  CHECK_THAT(bad_kind.error().message, Catch::Contains("unknown kind 'podcast'"));
  CHECK_FALSE(knowledge::search(db, owner("ladder", {}, 0)).ok());
  CHECK_FALSE(knowledge::search(db, owner("ladder", {}, 101)).ok());

  auto none = knowledge::search(db, owner("\"unclosed OR"));
  REQUIRE(none.ok());  // a stray quote is not an FTS5 syntax error
  CHECK(none->results.empty());
}

TEST_CASE("search: without the people scope only modules documents and events are found and counted",
          "[knowledge][visibility]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  put(db, "document", "folder-kb", "d1", "Ladder checklist", "Rungs and feet.");
  put(db, "event", "feeds", "v1", "Ladder training day", "Bring boots.");
  put(db, "thread", "native", "t1", "Ladder safety", "Who checks the rungs?");
  put(db, "post", "native", "p1", "Re: Ladder safety", "Call Bo on ladder questions.");
  put(db, "expert", "experts", "e1", "Bo Lind", "Ladder inspections. bo@example.org", "ladders");
  // A document's author is a person too: not searched by a stranger.
  REQUIRE(knowledge::put_entry(db, IndexEntry{"document", "folder-kb", "d2", "Incident report", "A fall.", "", "",
                                              "Amara Okafor", "", std::nullopt, std::nullopt})
              .ok());

  auto admin_only = key_with("admin");
  for (const auto& access : {knowledge::ReadAccess::anonymous(), knowledge::ReadAccess::for_caller(nullptr),
                             knowledge::ReadAccess::for_caller(&admin_only)}) {
    auto found = knowledge::search(db, as_reader("ladder", access));
    REQUIRE(found.ok());
    std::multiset<std::string> kinds;
    for (const auto& h : found->results) kinds.insert(h.kind);
    CHECK(kinds == std::multiset<std::string>{"document", "event"});
    CHECK(found->counts.count("thread") == 0);
    CHECK(found->counts.count("post") == 0);
    CHECK(found->counts.count("expert") == 0);
    CHECK(found->counts.at("document") == 1);
    auto by_author = knowledge::search(db, as_reader("Okafor", access));
    REQUIRE(by_author.ok());
    CHECK(by_author->results.empty());
    auto experts = knowledge::search(db, as_reader("ladder", access, {"expert"}));
    REQUIRE_FALSE(experts.ok());
    CHECK_THAT(experts.error().message, Catch::Contains("name people") && Catch::Contains("'all'"));
  }

  auto member = key_with("admin all");
  auto everything = knowledge::search(db, as_reader("ladder", knowledge::ReadAccess::for_caller(&member)));
  REQUIRE(everything.ok());
  CHECK(everything->results.size() == 5);
  CHECK(everything->counts.at("expert") == 1);
  auto by_author = knowledge::search(db, as_reader("Okafor", knowledge::ReadAccess::for_caller(&member)));
  REQUIRE(by_author.ok());
  CHECK(by_author->results.size() == 1);
}

TEST_CASE("search: scores are 0..1 relative to the best match and the same whatever the kind filter",
          "[knowledge]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  put(db, "thread", "native", "t1", "Ladder safety", "Who checks the rungs?");
  put(db, "expert", "experts", "e1", "Bo Lind", "Inspects ladders for safety.", "ladders");
  put(db, "document", "folder-kb", "d1", "Meeting notes", "We talked about ladders and ladder safety at length.");

  auto all = knowledge::search(db, owner("ladder safety"));
  REQUIRE(all.ok());
  REQUIRE(all->results.size() == 3);
  CHECK(all->results[0].score == 1.0);
  std::map<std::string, double> score_of;
  for (const auto& h : all->results) {
    CHECK(h.score > 0);
    CHECK(h.score <= 1);
    score_of[h.kind] = h.score;
  }
  for (const char* kind : {"expert", "document"}) {
    auto one_kind = knowledge::search(db, owner("ladder safety", {kind}));
    REQUIRE(one_kind.ok());
    REQUIRE(one_kind->results.size() == 1);
    CHECK(one_kind->results[0].score == Approx(score_of[kind]));
    CHECK(one_kind->results[0].score < 1.0);
  }
}

TEST_CASE("search: a document whose own URL is a server path is served by the host instead", "[knowledge]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  REQUIRE(knowledge::put_entry(db, IndexEntry{"document", "folder-kb", "guides/culture notes.md", "Culture guide",
                                              "Feedback.", "file:///srv/kb/guides/culture%20notes.md", "", "", "",
                                              std::nullopt, std::nullopt})
              .ok());
  put(db, "document", "wiki", "w1", "Culture wiki", "Feedback.");  // https://kb.example/w1
  auto found = knowledge::search(db, owner("culture"));
  REQUIRE(found.ok());
  std::map<std::string, std::string> url_of;
  for (const auto& h : found->results) url_of[h.ref] = h.url;
  CHECK(url_of["guides/culture notes.md"] == "/api/v1/knowledge/documents/folder-kb/guides%2Fculture%20notes.md");
  CHECK(url_of["w1"] == "https://kb.example/w1");
}
