#include <catch2/catch.hpp>

#include "trellis/connector_kit/ranking.hpp"

using namespace trellis::connector_kit;

TEST_CASE("a title match ranks above a body mention, and unrelated items are left out") {
  TermProfile lockout = TermProfile::of("Lockout tagout procedure", "safety,maintenance", "isolate energy before work");
  TermProfile forklift = TermProfile::of("Forklift basics", "warehouse", "lockout is mentioned once here");
  TermProfile cooking = TermProfile::of("Canteen menu", "food", "soup of the day");
  trellis::SearchQuery q;
  q.title = "Lockout";
  q.keywords = "safety";
  auto ranked = rank({&forklift, &cooking, &lockout}, query_words(q), 10);
  REQUIRE(ranked.size() == 2);
  CHECK(ranked[0].index == 2);
  CHECK(ranked[1].index == 0);
  CHECK(ranked[0].score > ranked[1].score);
  CHECK(ranked[0].score <= 1.0);
  CHECK(rank({&forklift, &cooking, &lockout}, query_words(q), 1).size() == 1);
}

TEST_CASE("profiles survive storage, and junk reads back as empty") {
  TermProfile p = TermProfile::of("Fire drill", "evacuation", "drill drill exit");
  TermProfile back = TermProfile::from_json(nlohmann::json::parse(p.to_json().dump()));
  CHECK(back.title == p.title);
  CHECK(back.tags == p.tags);
  CHECK(back.body == p.body);
  CHECK(back.body.front() == std::pair<std::string, uint32_t>{"drill", 2});
  CHECK(TermProfile::from_json(nlohmann::json::parse(R"({"t": 3, "b": [[1, 2], "x"]})")).body.empty());
}
