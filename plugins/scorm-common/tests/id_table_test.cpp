// The compact identifier table: first claims win, the last resource's launch wins,
// and it grows (index and arena) without losing anything.
#include <catch2/catch.hpp>

#include <string>

#include "id_table.hpp"

using namespace trellis::scorm;

TEST_CASE("Identifiers keep the kind that claimed them first", "[scorm][ids]") {
  IdTable ids;
  CHECK(ids.claim("r1", IdKind::resource).fresh);
  IdTable::Claim again = ids.claim("r1", IdKind::item);
  CHECK_FALSE(again.fresh);
  CHECK(again.first == IdKind::resource);
  CHECK_FALSE(ids.launch("r1"));  // claimed, nothing recorded yet
  ids.set_launch("r1", {"a.html", true, false, true});
  ids.set_launch("r1", {"b.html?x=1", true, true, false});  // a second resource "r1": the last one wins
  std::optional<ResourceLaunch> r1 = ids.launch("r1");
  REQUIRE(r1);
  CHECK(r1->href == "b.html?x=1");
  CHECK(r1->external);
  CHECK_FALSE(r1->sco);
  ids.claim("i1", IdKind::item);
  ids.set_launch("i1", {"x.html", true, false, true});  // not a resource: ignored
  CHECK_FALSE(ids.launch("i1"));
  CHECK_FALSE(ids.launch("nope"));
}

TEST_CASE("The identifier table grows without losing entries", "[scorm][ids]") {
  IdTable ids;
  for (int i = 0; i < 20000; ++i) {
    std::string id = "res_" + std::to_string(i);
    REQUIRE(ids.claim(id, IdKind::resource).fresh);
    ids.set_launch(id, {"chapter/" + id + ".html", true, false, i % 2 == 0});
  }
  std::string huge(40000, 'x');  // longer than an arena block
  CHECK(ids.claim(huge, IdKind::item).fresh);
  CHECK_FALSE(ids.claim(huge, IdKind::item).fresh);
  for (int i = 0; i < 20000; i += 997) {
    std::string id = "res_" + std::to_string(i);
    CHECK_FALSE(ids.claim(id, IdKind::organization).fresh);
    std::optional<ResourceLaunch> r = ids.launch(id);
    REQUIRE(r);
    CHECK(r->href == "chapter/" + id + ".html");
    CHECK(r->sco == (i % 2 == 0));
  }
}
