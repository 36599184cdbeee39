#include <catch2/catch.hpp>

#include <map>

#include "catalog/model_staging.hpp"
#include "support.hpp"

using namespace trellis;
using catalog::ModelStaging;
using nlohmann::json;

namespace {

json whole_course() {
  return json::parse(R"({
    "schema": "trellis.course/1", "format": "coursejson", "identifier": "com.example", "title": "T",
    "facts": {"edition": "4th"}, "tallies": {"sections": {"kind": "section"}, "graded_items": {"flag": "graded"}},
    "module_facts": {"graded": false},
    "nodes": [
      {"identifier": "org", "kind": "section", "title": "O", "container": true, "module": false, "top_level": true,
       "children": [
        {"identifier": "a", "kind": "item", "title": "A", "children": [
          {"identifier": "a1", "kind": "item", "title": "A1", "launchable": true, "graded": true,
           "launch": {"href": "a1.html", "external": false}, "children": []}]},
        {"identifier": "b", "kind": "item", "title": "B", "launchable": true, "launch": {"href": "b.html"},
         "children": []}]}],
    "resources": [{"identifier": "r1"}, {"identifier": "r2"}]})");
}

json header() {
  json h = whole_course();
  h.erase("nodes");
  h.erase("resources");
  return h;
}

json node(const std::string& id, const std::string& kind, const std::string& parent, int position) {
  return {{"identifier", id}, {"kind", kind}, {"title", id}, {"parent", parent}, {"position", position}};
}

// The whole course's nodes as streamed parts, children before parents (the order
// a reader that knows an item at its end tag sends them in).
std::vector<json> streamed_nodes() {
  json a1 = node("a1", "item", "a", 2);
  a1["title"] = "A1";
  a1["launchable"] = true;
  a1["graded"] = true;
  a1["launch"] = {{"href", "a1.html"}, {"external", false}};
  json a = node("a", "item", "org", 1);
  a["title"] = "A";
  json b = node("b", "item", "org", 3);
  b["title"] = "B";
  b["launchable"] = true;
  b["launch"] = {{"href", "b.html"}};
  json org = node("org", "section", "", 0);
  org["title"] = "O";
  org["container"] = true;
  org["module"] = false;
  org["top_level"] = true;
  return {a1, a, b, org};
}

struct Staged {
  testing::TempDir dir;
  std::unique_ptr<ModelStaging> staging;
  Staged() {
    auto created = ModelStaging::create(dir / "model.sqlite");
    REQUIRE(created);
    staging = std::move(created).value();
  }
};

std::string finish_refusal(ModelStaging& s) {
  auto done = s.finish();
  REQUIRE_FALSE(done);
  return done.error().message;
}

}  // namespace

TEST_CASE("a streamed course and the same course as one document stage alike") {
  Staged whole, streamed;
  REQUIRE(whole.staging->set_course(whole_course().dump()));
  REQUIRE(streamed.staging->begin_course(header().dump()));
  for (const json& n : streamed_nodes()) REQUIRE(streamed.staging->add_node(n.dump()));
  REQUIRE(streamed.staging->add_resource(R"({"identifier": "r1"})"));
  REQUIRE(streamed.staging->add_resource(R"({"identifier": "r2"})"));
  auto a = whole.staging->finish();
  auto b = streamed.staging->finish();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->digest == b->digest);
  CHECK(b->counts.nodes == 4);
  CHECK(b->counts.items == 3);
  CHECK(b->counts.launchable == 2);
  CHECK(b->counts.containers == 1);
  CHECK(b->counts.resources == 2);
  CHECK(a->facts == b->facts);
  CHECK(b->facts == json{{"edition", "4th"}, {"sections", 1}, {"graded_items", 1}});
  std::map<std::string, std::string> module_facts;
  std::vector<std::string> order, parents;
  REQUIRE(streamed.staging->for_each_node([&](const catalog::StagedNode& n) -> Status {
    order.push_back(n.identifier);
    parents.push_back(n.parent);
    CHECK(n.body.find("\"position\"") == std::string::npos);
    module_facts[n.identifier] = n.facts;
    return {};
  }));
  CHECK(order == std::vector<std::string>{"org", "a", "a1", "b"});
  CHECK(parents == std::vector<std::string>{"", "org", "a", "org"});
  CHECK(module_facts["a1"] == R"({"graded":true})");
  CHECK(module_facts["b"] == R"({"graded":false})");
}

TEST_CASE("a changed node changes the digest") {
  Staged one, two;
  REQUIRE(one.staging->set_course(whole_course().dump()));
  json changed = whole_course();
  changed["nodes"][0]["children"][1]["title"] = "B renamed";
  REQUIRE(two.staging->set_course(changed.dump()));
  CHECK(one.staging->finish()->digest != two.staging->finish()->digest);
}

TEST_CASE("streamed trees are checked when the import ends") {
  SECTION("a parent that is no node") {
    Staged s;
    REQUIRE(s.staging->begin_course(header().dump()));
    REQUIRE(s.staging->add_node(node("org", "section", "", 0).dump()));
    REQUIRE(s.staging->add_node(node("x", "item", "ghost", 1).dump()));
    CHECK_THAT(finish_refusal(*s.staging), Catch::Contains("'ghost' is no node of the tree"));
  }
  SECTION("a parent placed after its child, which is how a cycle would show") {
    Staged s;
    REQUIRE(s.staging->begin_course(header().dump()));
    REQUIRE(s.staging->add_node(node("org", "section", "", 0).dump()));
    REQUIRE(s.staging->add_node(node("x", "item", "y", 1).dump()));
    REQUIRE(s.staging->add_node(node("y", "item", "x", 2).dump()));
    CHECK_THAT(finish_refusal(*s.staging), Catch::Contains("must come before it"));
  }
  SECTION("a top-level-only node below the top") {
    Staged s;
    REQUIRE(s.staging->begin_course(header().dump()));
    REQUIRE(s.staging->add_node(node("org", "section", "", 0).dump()));
    json below = node("org2", "section", "org", 1);
    below["top_level"] = true;
    REQUIRE(s.staging->add_node(below.dump()));
    CHECK_THAT(finish_refusal(*s.staging), Catch::Contains("'org2'.top_level") && Catch::Contains("at the top"));
  }
  SECTION("a tree deeper than 200") {
    Staged s;
    REQUIRE(s.staging->begin_course(header().dump()));
    REQUIRE(s.staging->add_node(node("n0", "item", "", 0).dump()));
    for (int i = 1; i <= 205; ++i)
      REQUIRE(s.staging->add_node(node("n" + std::to_string(i), "item", "n" + std::to_string(i - 1), i).dump()));
    CHECK_THAT(finish_refusal(*s.staging), Catch::Contains("deeper than 200"));
  }
}

TEST_CASE("each streamed part is refused at once when it breaks a rule") {
  Staged s;
  CHECK_THAT(s.staging->add_node(node("a", "item", "", 0).dump()).error().message,
             Catch::Contains("before the course"));
  json with_nodes = whole_course();
  CHECK_THAT(s.staging->begin_course(with_nodes.dump()).error().message, Catch::Contains("one by one"));
  REQUIRE(s.staging->begin_course(header().dump()));
  CHECK_THAT(s.staging->begin_course(header().dump()).error().message, Catch::Contains("twice"));
  REQUIRE(s.staging->add_node(node("a", "item", "", 0).dump()));
  CHECK_THAT(s.staging->add_node(node("a", "item", "", 1).dump()).error().message,
             Catch::Contains("'a' appears twice"));
  CHECK_THAT(s.staging->add_node(node("b", "item", "", 0).dump()).error().message,
             Catch::Contains("position 0 is used twice"));
  json no_position = node("c", "item", "", 3);
  no_position.erase("position");
  CHECK_THAT(s.staging->add_node(no_position.dump()).error().message, Catch::Contains("position"));
  json lesson = node("d", "lesson plan", "", 4);
  CHECK_THAT(s.staging->add_node(lesson.dump()).error().message, Catch::Contains("'lesson plan'"));
  json module_fact = node("g", "item", "", 7);
  module_fact["graded"] = json::object();
  CHECK_THAT(s.staging->add_node(module_fact.dump()).error().message, Catch::Contains("'g'.graded"));
  json launchable = node("e", "item", "", 5);
  launchable["launchable"] = true;
  CHECK_THAT(s.staging->add_node(launchable.dump()).error().message, Catch::Contains("needs a launch object"));
  json nested = node("f", "item", "", 6);
  nested["children"] = json::array();
  CHECK_THAT(s.staging->add_node(nested.dump()).error().message, Catch::Contains("names its parent instead"));
  CHECK_THAT(s.staging->add_resource("[1]").error().message, Catch::Contains("$.resources[0]"));
  CHECK_THAT(s.staging->add_node("{not json").error().message, Catch::Contains("not valid JSON"));
}

TEST_CASE("the staging file goes with the staging") {
  testing::TempDir dir;
  {
    auto s = ModelStaging::create(dir / "m.sqlite");
    REQUIRE(s);
    REQUIRE((*s)->set_course(whole_course().dump()));
    CHECK(std::filesystem::exists(dir / "m.sqlite"));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "m.sqlite"));
}
