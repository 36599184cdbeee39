#include <catch2/catch.hpp>

#include "trellis/import_kit/xml_root.hpp"

using namespace trellis::kit;

TEST_CASE("the root element and its namespace come from the head of the file", "[xml-root]") {
  auto root = xml_root_of(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- made by a tool -->\n"
      "<courseStructure xmlns='https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd' a=\"1\">"
      "<course");
  REQUIRE(root);
  CHECK(root->local_name == "courseStructure");
  CHECK(root->namespace_uri == "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd");
  auto prefixed = xml_root_of("<!DOCTYPE x [<!ENTITY e \"v\">]><cp:manifest xmlns=\"other\" xmlns:cp=\"ims\"/>");
  REQUIRE(prefixed);
  CHECK(prefixed->local_name == "manifest");
  CHECK(prefixed->namespace_uri == "ims");
  auto bare = xml_root_of("<tincan>");
  REQUIRE(bare);
  CHECK(bare->local_name == "tincan");
  CHECK(bare->namespace_uri.empty());
}

TEST_CASE("a head that is not XML or ends inside the root tag names no root", "[xml-root]") {
  CHECK_FALSE(xml_root_of(""));
  CHECK_FALSE(xml_root_of("# a markdown file"));
  CHECK_FALSE(xml_root_of("<?xml version=\"1.0\""));
  CHECK_FALSE(xml_root_of("<!-- never closed"));
  CHECK_FALSE(xml_root_of("<manifest xmlns=\"ims"));
  CHECK_FALSE(xml_root_of("<manifest identifier"));
}
