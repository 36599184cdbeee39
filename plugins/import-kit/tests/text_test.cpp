#include <catch2/catch.hpp>

#include "trellis/import_kit/text.hpp"

using namespace trellis::kit;

TEST_CASE("whitespace collapses the way xs:token does", "[text]") {
  CHECK(collapse_whitespace("\n   Geology  is\n\tan  earth science \n") == "Geology is an earth science");
  CHECK(collapse_whitespace("   ").empty());
  CHECK(trim("  a b  ") == "a b");
}

TEST_CASE("language tags follow xs:language", "[text]") {
  CHECK(is_language_tag("en"));
  CHECK(is_language_tag("en-US"));
  CHECK(is_language_tag("zh-Hant-TW"));
  CHECK(is_language_tag("de-1996"));
  CHECK_FALSE(is_language_tag(""));
  CHECK_FALSE(is_language_tag("en_US"));
  CHECK_FALSE(is_language_tag("1en"));
  CHECK_FALSE(is_language_tag("en-"));
  CHECK_FALSE(is_language_tag("toolonglanguage"));
}

TEST_CASE("decimals follow xs:decimal", "[text]") {
  double v = -1;
  CHECK(parse_decimal("0.9", v));
  CHECK(v == Approx(0.9));
  CHECK(parse_decimal(" 1 ", v));
  CHECK(v == 1.0);
  CHECK(parse_decimal("+.5", v));
  CHECK(v == 0.5);
  CHECK(parse_decimal("-0", v));
  CHECK_FALSE(parse_decimal("1e-1", v));
  CHECK_FALSE(parse_decimal("", v));
  CHECK_FALSE(parse_decimal(".", v));
  CHECK_FALSE(parse_decimal("NaN", v));
  CHECK_FALSE(parse_decimal("0,5", v));
}

TEST_CASE("a UTF-8 byte order mark is skipped", "[text]") {
  CHECK(without_bom("\xEF\xBB\xBF<a/>") == "<a/>");
  CHECK(without_bom("<a/>") == "<a/>");
}

TEST_CASE("a bare manifest is one top-level .xml file", "[text]") {
  CHECK(is_top_level_xml_file("201-1-iris-course-id.xml"));
  CHECK(is_top_level_xml_file("COURSE.XML"));
  CHECK_FALSE(is_top_level_xml_file("dir/cmi5.xml"));
  CHECK_FALSE(is_top_level_xml_file(".xml"));
  CHECK_FALSE(is_top_level_xml_file("notes.md"));
  CHECK_FALSE(is_top_level_xml_file("archive.xmlx"));
}
