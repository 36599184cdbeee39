#include <catch2/catch.hpp>

#include "catalog/course_model.hpp"

using trellis::catalog::parse_course_model;

namespace {

nlohmann::json course() {
  return nlohmann::json::parse(R"({
    "schema": "trellis.course/1", "format": "coursejson", "identifier": "com.example", "title": "T",
    "facts": {"edition": "4th"}, "tallies": {"graded_items": {"flag": "graded"}},
    "nodes": [
      {"identifier": "org", "kind": "section", "title": "O", "container": true, "module": false,
       "top_level": true, "children": [
        {"identifier": "a", "kind": "item", "title": "A", "children": [
          {"identifier": "a1", "kind": "item", "title": "A1", "launchable": true, "graded": true,
           "launch": {"href": "a1.html", "external": false}}]},
        {"identifier": "b", "kind": "item", "title": "B", "launchable": true, "launch": {"href": "b.html"}}]},
      {"identifier": "org2", "kind": "section", "title": "O2", "container": true, "module": false,
       "top_level": true, "children": []}],
    "resources": [{"identifier": "r1"}, {"identifier": "r2"}]})");
}

std::string refusal(const nlohmann::json& doc) {
  auto parsed = parse_course_model(doc.dump());
  REQUIRE_FALSE(parsed.ok());
  return parsed.error().message;
}

}  // namespace

TEST_CASE("counts come from the tree's generic flags") {
  auto model = parse_course_model(course().dump());
  REQUIRE(model.ok());
  CHECK(model->counts.nodes == 5);
  CHECK(model->counts.items == 3);
  CHECK(model->counts.launchable == 2);
  CHECK(model->counts.containers == 2);
  CHECK(model->counts.resources == 2);
  REQUIRE(model->modules.size() == 3);
  CHECK(model->modules[1].identifier == "a1");
  CHECK(model->modules[1].parent == "a");
}

TEST_CASE("a module's fingerprint changes with its own fields, not its children's") {
  auto before = parse_course_model(course().dump()).value();
  auto doc = course();
  doc["nodes"][0]["children"][0]["children"][0]["title"] = "A1 renamed";
  auto after = parse_course_model(doc.dump()).value();
  CHECK(before.modules[0].fingerprint == after.modules[0].fingerprint);
  CHECK(before.modules[1].fingerprint != after.modules[1].fingerprint);
}

TEST_CASE("malformed models are refused with the JSON path of the broken rule") {
  CHECK_THAT(refusal(nlohmann::json::array()), Catch::Contains("must be a JSON object"));
  CHECK_THAT(parse_course_model("{not json").error().message, Catch::Contains("not valid JSON"));
  auto doc = course();
  doc["schema"] = "trellis.course/2";
  CHECK_THAT(refusal(doc), Catch::Contains("$.schema"));
  doc = course();
  doc.erase("identifier");
  CHECK_THAT(refusal(doc), Catch::Contains("$.identifier"));
  doc = course();
  doc["nodes"][0]["children"][1]["kind"] = "lesson plan";
  CHECK_THAT(refusal(doc), Catch::Contains("$.nodes[0].children[1].kind") && Catch::Contains("'lesson plan'"));
  doc["nodes"][0]["children"][1]["kind"] = std::string(65, 'k');
  CHECK_THAT(refusal(doc), Catch::Contains("1 to 64 letters"));
  doc = course();
  doc["nodes"][0]["children"][1]["identifier"] = "a1";
  CHECK_THAT(refusal(doc), Catch::Contains("'a1' appears twice"));
  doc = course();
  doc["nodes"][0]["children"][1].erase("launch");
  CHECK_THAT(refusal(doc), Catch::Contains("needs a launch object"));
  doc = course();
  doc["nodes"][0]["children"][0]["children"][0]["top_level"] = true;
  CHECK_THAT(refusal(doc), Catch::Contains("children[0].top_level") && Catch::Contains("must be at the top"));
  doc = course();
  doc["nodes"][0]["children"][0]["extensions"] = "<x/>";
  CHECK_THAT(refusal(doc), Catch::Contains("children[0].extensions"));
  doc = course();
  doc["nodes"][0]["children"][0]["launchable"] = "yes";
  CHECK_THAT(refusal(doc), Catch::Contains("true or false"));
  doc = course();
  doc["resources"] = {1};
  CHECK_THAT(refusal(doc), Catch::Contains("$.resources[0]"));
}

TEST_CASE("any identifier-like kind is a node kind the host takes") {
  auto doc = course();
  doc["nodes"][0]["children"][1]["kind"] = "simulation-step";
  auto model = parse_course_model(doc.dump());
  REQUIRE(model.ok());
  CHECK(model->modules[2].kind == "simulation-step");
}

TEST_CASE("the importer's facts are checked, never read") {
  auto doc = course();
  doc["facts"]["items"] = 3;
  CHECK_THAT(refusal(doc), Catch::Contains("$.facts.items") && Catch::Contains("the host reports itself"));
  doc = course();
  doc["facts"]["edition"] = nlohmann::json::array();
  CHECK_THAT(refusal(doc), Catch::Contains("$.facts.edition"));
  doc = course();
  doc["tallies"]["edition"] = {{"kind", "section"}};
  CHECK_THAT(refusal(doc), Catch::Contains("also a given fact"));
  doc = course();
  doc["tallies"]["graded_items"] = {{"count", "graded"}};
  CHECK_THAT(refusal(doc), Catch::Contains("$.tallies.graded_items"));
  doc = course();
  doc["summary"] = {"items", "lessons"};
  CHECK_THAT(refusal(doc), Catch::Contains("$.summary[1]") && Catch::Contains("'lessons'"));
  doc = course();
  doc["summary"] = {"items", {{"name", "graded_items"}, {"label", "graded"}}, "edition"};
  CHECK(parse_course_model(doc.dump()).ok());
}

TEST_CASE("absurdly deep trees are refused rather than overflowing the stack") {
  nlohmann::json node = {{"identifier", "leaf"}, {"kind", "item"}, {"title", ""}};
  for (int i = 0; i < 300; ++i)
    node = {{"identifier", "n" + std::to_string(i)}, {"kind", "item"}, {"title", ""}, {"children", {node}}};
  auto doc = course();
  doc["nodes"] = {node};
  CHECK_THAT(refusal(doc), Catch::Contains("deeper than"));
}
