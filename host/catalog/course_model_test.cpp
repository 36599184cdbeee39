#include <catch2/catch.hpp>

#include "catalog/course_model.hpp"

using trellis::catalog::parse_course_model;

namespace {

nlohmann::json course() {
  return nlohmann::json::parse(R"({
    "schema": "trellis.course/1", "format": "scorm2004", "edition": "4th", "identifier": "com.example", "title": "T",
    "nodes": [
      {"identifier": "org", "kind": "organization", "title": "O", "children": [
        {"identifier": "a", "kind": "item", "title": "A", "children": [
          {"identifier": "a1", "kind": "item", "title": "A1", "launchable": true, "sco": true,
           "launch": {"href": "a1.html", "external": false}}]},
        {"identifier": "b", "kind": "item", "title": "B", "launchable": true, "launch": {"href": "b.html"}}]},
      {"identifier": "org2", "kind": "organization", "title": "O2", "children": []}],
    "resources": [{"identifier": "r1"}, {"identifier": "r2"}]})");
}

std::string refusal(const nlohmann::json& doc) {
  auto parsed = parse_course_model(doc.dump());
  REQUIRE_FALSE(parsed.ok());
  return parsed.error().message;
}

}  // namespace

TEST_CASE("counts come from the tree") {
  auto model = parse_course_model(course().dump());
  REQUIRE(model.ok());
  CHECK(model->counts.organizations == 2);
  CHECK(model->counts.items == 3);
  CHECK(model->counts.launchable == 2);
  CHECK(model->counts.scos == 1);
  CHECK(model->counts.resources == 2);
  CHECK(model->edition.value() == "4th");
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
  doc["nodes"][0]["children"][1]["kind"] = "lesson";
  CHECK_THAT(refusal(doc), Catch::Contains("$.nodes[0].children[1].kind") && Catch::Contains("'lesson'"));
  doc = course();
  doc["nodes"][0]["children"][1]["identifier"] = "a1";
  CHECK_THAT(refusal(doc), Catch::Contains("'a1' appears twice"));
  doc = course();
  doc["nodes"][0]["children"][1].erase("launch");
  CHECK_THAT(refusal(doc), Catch::Contains("needs a launch object"));
  doc = course();
  doc["nodes"][0]["children"][0]["children"][0]["kind"] = "organization";
  CHECK_THAT(refusal(doc), Catch::Contains("organizations must be at the top"));
  doc = course();
  doc["nodes"][0]["children"][0]["launchable"] = "yes";
  CHECK_THAT(refusal(doc), Catch::Contains("true or false"));
  doc = course();
  doc["resources"] = {1};
  CHECK_THAT(refusal(doc), Catch::Contains("$.resources[0]"));
}

TEST_CASE("absurdly deep trees are refused rather than overflowing the stack") {
  nlohmann::json node = {{"identifier", "leaf"}, {"kind", "item"}, {"title", ""}};
  for (int i = 0; i < 300; ++i)
    node = {{"identifier", "n" + std::to_string(i)}, {"kind", "item"}, {"title", ""}, {"children", {node}}};
  auto doc = course();
  doc["nodes"] = {node};
  CHECK_THAT(refusal(doc), Catch::Contains("deeper than"));
}
